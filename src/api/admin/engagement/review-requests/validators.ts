import { z } from "@medusajs/framework/zod"
import { createBoundedFindParams, idFilter, oneOrMany } from "../../../utils/find-params"
import { REVIEW_REQUEST_STATUSES } from "../../../../modules/engagement/types"
import { defaultAdminReviewRequestFields, sortableAdminReviewRequestFields } from "./query-config"

export const AdminGetReviewRequestsParams = createBoundedFindParams({
  fields: defaultAdminReviewRequestFields,
  sortable: sortableAdminReviewRequestFields,
}).extend({
  status: oneOrMany(z.enum(REVIEW_REQUEST_STATUSES)).optional(),
  order_id: idFilter(),
  customer_id: idFilter(),
})
export type AdminGetReviewRequestsParamsType = z.infer<typeof AdminGetReviewRequestsParams>
