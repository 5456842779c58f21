import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { loyaltySourceErrorAnswer } from "../../../../provider-api/loyalty-source"
import type { StoreEngagementRewardSchemesResponse } from "../../../../types/store"
import { loyaltySourceOf } from "../../../../workflows/loyalty-source/utils/loyalty-source"
import { sendErrorAnswer, type Sent, type SentError } from "../../../utils/sent"
import { rewardSchemesOf } from "./helpers"

/** The reward schemes (configured, or the loyalty source platform's), each with whether the signed-in shopper joined it. */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<Sent<StoreEngagementRewardSchemesResponse> | SentError>
) => {
  try {
    const source = loyaltySourceOf(req.scope)
    const schemes = source
      ? await source.rewardSchemes(req.auth_context.actor_id)
      : await rewardSchemesOf(req.scope, req.auth_context.actor_id)
    res.json({ reward_schemes: schemes })
  } catch (error) {
    const answer = loyaltySourceErrorAnswer(error)
    if (!answer) {
      throw error
    }
    sendErrorAnswer(res, answer)
  }
}
