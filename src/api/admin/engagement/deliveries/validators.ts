import { z } from "@medusajs/framework/zod"
import { createBoundedFindParams, oneOrMany } from "../../../utils/find-params"
import { DELIVERY_STATUSES } from "../../../../modules/engagement/types"

export const AdminGetDeliveriesParams = createBoundedFindParams().extend({
  status: oneOrMany(z.enum(DELIVERY_STATUSES)).optional(),
  platform: oneOrMany(z.string().min(1)).optional(),
  operation: oneOrMany(z.string().min(1)).optional(),
  customer_id: oneOrMany(z.string().min(1)).optional(),
  order_id: oneOrMany(z.string().min(1)).optional(),
})
export type AdminGetDeliveriesParamsType = z.infer<typeof AdminGetDeliveriesParams>

export const AdminRetryDelivery = z.object({}).strict()
export type AdminRetryDeliveryType = z.infer<typeof AdminRetryDelivery>
