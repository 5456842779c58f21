import { createFindParams } from "@medusajs/medusa/api/utils/validators"
import { z } from "@medusajs/framework/zod"
import { DELIVERY_STATUSES } from "../../../../modules/engagement/types"

const oneOrMany = <T extends z.ZodType>(schema: T) => z.union([schema, z.array(schema)])

export const AdminGetDeliveriesParams = createFindParams({ limit: 20, offset: 0 }).extend({
  status: oneOrMany(z.enum(DELIVERY_STATUSES)).optional(),
  platform: oneOrMany(z.string().min(1)).optional(),
  operation: oneOrMany(z.string().min(1)).optional(),
  customer_id: oneOrMany(z.string().min(1)).optional(),
  order_id: oneOrMany(z.string().min(1)).optional(),
})
export type AdminGetDeliveriesParamsType = z.infer<typeof AdminGetDeliveriesParams>

export const AdminRetryDelivery = z.object({}).strict()
export type AdminRetryDeliveryType = z.infer<typeof AdminRetryDelivery>
