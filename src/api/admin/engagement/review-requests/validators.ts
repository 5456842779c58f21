import { z } from "@medusajs/framework/zod"
import { text } from "../../../utils/validation"
import { createBoundedFindParams, oneOrMany } from "../../../utils/find-params"
import { customerFilter, orderFilter } from "../../people"
import { REVIEW_REQUEST_STATUSES } from "../../../../modules/engagement/types"
import { defaultAdminReviewRequestFields, sortableAdminReviewRequestFields } from "./query-config"

export const AdminGetReviewRequestsParams = createBoundedFindParams({
  fields: defaultAdminReviewRequestFields,
  sortable: sortableAdminReviewRequestFields,
}).extend({
  status: oneOrMany(z.enum(REVIEW_REQUEST_STATUSES)).optional(),
  // an order's id or number (#5); a customer's id, email or name
  order_id: orderFilter(),
  customer_id: customerFilter(),
})
export type AdminGetReviewRequestsParamsType = z.infer<typeof AdminGetReviewRequestsParams>

export const AdminSendReviewRequest = z.object({}).strict()
export type AdminSendReviewRequestType = z.infer<typeof AdminSendReviewRequest>

export const AdminCancelReviewRequest = z.object({ reason: text({ min: 1, max: 500 }).optional() }).strict()
export type AdminCancelReviewRequestType = z.infer<typeof AdminCancelReviewRequest>

export const AdminRescheduleReviewRequest = z
  .object({
    send_at: z
      .string()
      .datetime({ offset: true })
      .refine((value) => new Date(value).getTime() > Date.now(), { message: "must be in the future" }),
  })
  .strict()
export type AdminRescheduleReviewRequestType = z.infer<typeof AdminRescheduleReviewRequest>
