import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import EngagementModule from "../modules/engagement"

/** A contact profile belongs to one Medusa customer (read-only: the profile holds `customer_id`). */
export default defineLink(
  { linkable: EngagementModule.linkable.contactProfile, field: "customer_id" },
  CustomerModule.linkable.customer,
  { readOnly: true }
)
