import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type EngagementModuleService from "../../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../../modules/engagement/types"
import { myPagesErrorAnswer, readEngagePurchases } from "../../../../providers/engage/my-pages-reader"
import type { StoreGetPurchasesParamsType } from "./validators"
import type { StoreEngagementPurchasesResponse } from "../../../../types/store"
import type { Sent, SentError } from "../../../utils/sent"

/**
 * GET /store/engagement/purchases: one page of the signed-in shopper's purchases and returns in
 * Voyado Engage, read when asked and kept a short while per contact and page. 409 before the
 * contact is synced, 503 when Engage does not answer, 404 when Engage is not configured.
 */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, StoreGetPurchasesParamsType>, res: MedusaResponse<Sent<StoreEngagementPurchasesResponse> | SentError>) => {
  const engagement = req.scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  const logger = req.scope.resolve(ContainerRegistrationKeys.LOGGER)
  const { offset, limit } = req.validatedQuery
  try {
    res.json(await readEngagePurchases(engagement, logger, req.auth_context.actor_id, { offset, limit }))
  } catch (error) {
    const answer = myPagesErrorAnswer(error)
    if (!answer) {
      throw error
    }
    res.status(answer.status).json(answer.body)
  }
}
