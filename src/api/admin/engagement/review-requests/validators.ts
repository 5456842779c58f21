import { z } from "@medusajs/framework/zod"
import { createBoundedFindParams, oneOrMany } from "../../../utils/find-params"
import { REVIEW_REQUEST_STATUSES } from "../../../../modules/engagement/types"

export const AdminGetReviewRequestsParams = createBoundedFindParams().extend({
  status: oneOrMany(z.enum(REVIEW_REQUEST_STATUSES)).optional(),
  order_id: oneOrMany(z.string().min(1)).optional(),
  customer_id: oneOrMany(z.string().min(1)).optional(),
})
export type AdminGetReviewRequestsParamsType = z.infer<typeof AdminGetReviewRequestsParams>
