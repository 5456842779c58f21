import { z } from "@medusajs/framework/zod"
import { createBoundedFindParams, createSelectParams, idFilter, oneOrMany } from "../../../utils/find-params"
import { DELIVERY_STATUSES } from "../../../../modules/engagement/types"
import { allowedAdminDeliveryFields, sortableAdminDeliveryFields } from "./query-config"

export const AdminGetDeliveriesParams = createBoundedFindParams({
  fields: allowedAdminDeliveryFields,
  sortable: sortableAdminDeliveryFields,
}).extend({
  status: oneOrMany(z.enum(DELIVERY_STATUSES)).optional(),
  platform: idFilter(),
  operation: idFilter(),
  customer_id: idFilter(),
  order_id: idFilter(),
})
export type AdminGetDeliveriesParamsType = z.infer<typeof AdminGetDeliveriesParams>

export const AdminGetDeliveryParams = createSelectParams(allowedAdminDeliveryFields)

export const AdminRetryDelivery = z.object({}).strict()
export type AdminRetryDeliveryType = z.infer<typeof AdminRetryDelivery>
