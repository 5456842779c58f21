import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { loyaltySourceErrorAnswer } from "../../../../modules/loyalty/source"
import type { StoreEngagementRewardSchemesResponse } from "../../../../types/store"
import { loyaltySourceOf } from "../../../utils/loyalty-source"
import type { Sent, SentError } from "../../../utils/sent"
import { rewardSchemesOf } from "./helpers"

/** The reward schemes (configured, or the loyalty source platform's), each with whether the signed-in shopper joined it. */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<Sent<StoreEngagementRewardSchemesResponse> | SentError>
) => {
  const source = loyaltySourceOf(req.scope)
  try {
    const schemes = source
      ? await source.rewardSchemes(req.auth_context.actor_id)
      : await rewardSchemesOf(req.scope, req.auth_context.actor_id)
    res.json({ reward_schemes: schemes })
  } catch (error) {
    const answer = loyaltySourceErrorAnswer(error)
    if (!answer) {
      throw error
    }
    res.status(answer.status).json(answer.body)
  }
}
