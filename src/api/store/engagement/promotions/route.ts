import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type EngagementModuleService from "../../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../../modules/engagement/types"
import { myPagesErrorAnswer, readEngagePromotions } from "../../../../providers/engage/my-pages-reader"
import type { StoreGetPromotionsParamsType } from "./validators"
import type { StoreEngagementPromotionsResponse } from "../../../../types/store"
import type { Sent, SentError } from "../../../utils/sent"

/**
 * GET /store/engagement/promotions: the signed-in shopper's active promotions in Voyado Engage,
 * read when asked and kept a short while per contact. 409 before the contact is synced, 503 when
 * Engage does not answer, 404 when Engage is not configured.
 */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, StoreGetPromotionsParamsType>, res: MedusaResponse<Sent<StoreEngagementPromotionsResponse> | SentError>) => {
  const engagement = req.scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  const logger = req.scope.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    const promotions = await readEngagePromotions(engagement, logger, req.auth_context.actor_id, req.validatedQuery.type)
    res.json({ promotions })
  } catch (error) {
    const answer = myPagesErrorAnswer(error)
    if (!answer) {
      throw error
    }
    res.status(answer.status).json(answer.body)
  }
}
