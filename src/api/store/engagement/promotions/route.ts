import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type EngagementModuleService from "../../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../../provider-api/provider"
import { answerShopperPagesRead } from "../shopper-pages"
import type { StoreGetPromotionsParamsType } from "./validators"
import type { StoreEngagementPromotionsResponse } from "../../../../types/store"
import type { Sent, SentError } from "../../../utils/sent"

/**
 * GET /store/engagement/promotions: the signed-in shopper's active promotions on the platform that
 * offers "My pages", read when asked and kept a short while per contact. 409 before the contact is
 * synced, 424 naming the platform when it does not answer, 404 when none is configured.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, StoreGetPromotionsParamsType>,
  res: MedusaResponse<Sent<StoreEngagementPromotionsResponse> | SentError>
) => {
  const engagement = req.scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  await answerShopperPagesRead(engagement, res, async (pages) => ({
    promotions: await pages.readPromotions(engagement, req.auth_context.actor_id, req.validatedQuery.type),
  }))
}
