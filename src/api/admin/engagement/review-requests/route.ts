import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { resolvePeopleFilters, withPeople } from "../../people"
import type { AdminGetReviewRequestsParamsType } from "./validators"

/**
 * GET /admin/engagement/review-requests: filter by status, order (id or number) and customer (id,
 * email or name); paginated; each row with its order's number and its customer's name and email.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetReviewRequestsParamsType>,
  res: MedusaResponse
) => {
  const filters = await resolvePeopleFilters(req.scope, req.filterableFields)
  if (!filters) {
    res.json({
      review_requests: [],
      count: 0,
      offset: req.queryConfig.pagination.skip ?? 0,
      limit: req.queryConfig.pagination.take ?? 0,
    })
    return
  }
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: review_requests, metadata } = await query.graph({
    entity: "review_request",
    fields: req.queryConfig.fields,
    filters,
    pagination: req.queryConfig.pagination,
  })
  res.json({
    review_requests: await withPeople(req.scope, review_requests),
    count: metadata?.count ?? 0,
    offset: metadata?.skip ?? 0,
    limit: metadata?.take ?? 0,
  })
}
