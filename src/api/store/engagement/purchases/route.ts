import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type EngagementModuleService from "../../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../../provider-api/provider"
import { answerShopperPagesRead } from "../shopper-pages"
import type { StoreGetPurchasesParamsType } from "./validators"
import type { StoreEngagementPurchasesResponse } from "../../../../types/store"
import type { Sent, SentError } from "../../../utils/sent"

/**
 * GET /store/engagement/purchases: one page of the signed-in shopper's purchases and returns on the
 * platform that offers "My pages", read when asked and kept a short while per contact and page. 409
 * before the contact is synced, 424 naming the platform when it does not answer, 404 when none is configured.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, StoreGetPurchasesParamsType>,
  res: MedusaResponse<Sent<StoreEngagementPurchasesResponse> | SentError>
) => {
  const engagement = req.scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  const { offset, limit } = req.validatedQuery
  await answerShopperPagesRead(engagement, res, (pages) =>
    pages.readPurchases(engagement, req.auth_context.actor_id, { offset, limit })
  )
}
