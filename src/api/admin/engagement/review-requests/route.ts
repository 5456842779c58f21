import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { AdminGetReviewRequestsParamsType } from "./validators"

/** GET /admin/engagement/review-requests: filter by status, order and customer; paginated. */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetReviewRequestsParamsType>,
  res: MedusaResponse
) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: review_requests, metadata } = await query.graph({
    entity: "review_request",
    fields: req.queryConfig.fields,
    filters: req.filterableFields,
    pagination: req.queryConfig.pagination,
  })
  res.json({
    review_requests,
    count: metadata?.count ?? 0,
    offset: metadata?.skip ?? 0,
    limit: metadata?.take ?? 0,
  })
}
