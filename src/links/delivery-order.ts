import { defineLink } from "@medusajs/framework/utils"
import OrderModule from "@medusajs/medusa/order"
import EngagementModule from "../modules/engagement"

/** An outbox delivery made for an order (read-only: the delivery holds `order_id`). */
export default defineLink(
  { linkable: EngagementModule.linkable.delivery, field: "order_id" },
  OrderModule.linkable.order,
  { readOnly: true }
)
