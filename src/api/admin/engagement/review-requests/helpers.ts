import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { defaultAdminReviewRequestFields } from "./query-config"

/** One review request as the list shows it, after an admin action. */
export async function refetchReviewRequest(id: string, scope: MedusaContainer) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [reviewRequest],
  } = await query.graph({ entity: "review_request", fields: defaultAdminReviewRequestFields, filters: { id } })
  if (!reviewRequest) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Review request with id: ${id} was not found`)
  }
  return reviewRequest
}
