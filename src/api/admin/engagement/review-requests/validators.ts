import { createFindParams } from "@medusajs/medusa/api/utils/validators"
import { z } from "@medusajs/framework/zod"
import { REVIEW_REQUEST_STATUSES } from "../../../../modules/engagement/types"

const oneOrMany = <T extends z.ZodType>(schema: T) => z.union([schema, z.array(schema)])

export const AdminGetReviewRequestsParams = createFindParams({ limit: 20, offset: 0 }).extend({
  status: oneOrMany(z.enum(REVIEW_REQUEST_STATUSES)).optional(),
  order_id: oneOrMany(z.string().min(1)).optional(),
  customer_id: oneOrMany(z.string().min(1)).optional(),
})
export type AdminGetReviewRequestsParamsType = z.infer<typeof AdminGetReviewRequestsParams>
