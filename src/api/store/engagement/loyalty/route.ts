import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { loyaltySourceErrorAnswer } from "../../../../provider-api/loyalty-source"
import type { StoreEngagementLoyaltyResponse } from "../../../../types/store"
import { loyaltyOf } from "../../../utils/loyalty"
import { loyaltySourceOf } from "../../../../workflows/loyalty-source/utils/loyalty-source"
import { sendErrorAnswer, type Sent, type SentError } from "../../../utils/sent"

/**
 * The signed-in shopper's points: spendable balance, pending, reserved, tier and what expires when;
 * from the platform that keeps them when `loyalty.source` names one (an error naming it, never a
 * 500, when it cannot answer).
 */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<Sent<StoreEngagementLoyaltyResponse> | SentError>
) => {
  try {
    const source = loyaltySourceOf(req.scope)
    const loyalty = source
      ? await source.summary(req.auth_context.actor_id)
      : await loyaltyOf(req.scope).getLoyaltySummary(req.auth_context.actor_id)
    res.json({ loyalty })
  } catch (error) {
    const answer = loyaltySourceErrorAnswer(error)
    if (!answer) {
      throw error
    }
    sendErrorAnswer(res, answer)
  }
}
