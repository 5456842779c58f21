import { z } from "@medusajs/framework/zod"
import { createBoundedFindParams, createSelectParams, idFilter, oneOrMany } from "../../../utils/find-params"
import { DELIVERY_STATUSES } from "../../../../modules/engagement/types"
import { MAX_BULK_RETRY } from "../../../../workflows/outbox/steps/requeue-deliveries"
import { identifier } from "../../../utils/validation"
import { customerFilter, customerReference, orderFilter, orderReference } from "../../people"
import { allowedAdminDeliveryFields, sortableAdminDeliveryFields } from "./query-config"

export const AdminGetDeliveriesParams = createBoundedFindParams({
  fields: allowedAdminDeliveryFields,
  sortable: sortableAdminDeliveryFields,
}).extend({
  status: oneOrMany(z.enum(DELIVERY_STATUSES)).optional(),
  platform: idFilter(),
  operation: idFilter(),
  // a customer's id, email or name; an order's id or number (#5)
  customer_id: customerFilter(),
  order_id: orderFilter(),
  // ?created_at[gte]=…&created_at[lte]=…: the log's date range
  created_at: z
    .object({
      gte: z.string().datetime({ offset: true }).optional(),
      lte: z.string().datetime({ offset: true }).optional(),
    })
    .strict()
    .transform(({ gte, lte }) => ({ ...(gte ? { $gte: gte } : {}), ...(lte ? { $lte: lte } : {}) }))
    .optional(),
})
export type AdminGetDeliveriesParamsType = z.infer<typeof AdminGetDeliveriesParams>

export const AdminGetDeliveryParams = createSelectParams(allowedAdminDeliveryFields)

export const AdminRetryDelivery = z.object({}).strict()
export type AdminRetryDeliveryType = z.infer<typeof AdminRetryDelivery>

const retryableStatus = z.enum(["failed", "dead"])
const isoInstant = z.string().datetime({ offset: true })

/** The rows a bulk retry selects: by ids, or by the delivery log's filters (never both). */
export const AdminRetryDeliveries = z
  .object({
    ids: z.array(identifier()).min(1).max(MAX_BULK_RETRY).optional(),
    filter: z
      .object({
        status: z.array(retryableStatus).min(1).max(2).optional(),
        platform: z.array(identifier()).max(100).optional(),
        operation: z.array(identifier()).max(100).optional(),
        customer_id: z.array(customerReference()).max(100).optional(),
        order_id: z.array(orderReference()).max(100).optional(),
        created_at: z.object({ gte: isoInstant.optional(), lte: isoInstant.optional() }).strict().optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((body) => (body.ids === undefined) !== (body.filter === undefined), {
    message: "give either ids or filter, not both and not neither",
    path: ["ids"],
  })
export type AdminRetryDeliveriesType = z.infer<typeof AdminRetryDeliveries>

/** The rows a bulk cancel selects: the same choice as a bulk retry's. */
export const AdminCancelDeliveries = AdminRetryDeliveries
export type AdminCancelDeliveriesType = z.infer<typeof AdminCancelDeliveries>
