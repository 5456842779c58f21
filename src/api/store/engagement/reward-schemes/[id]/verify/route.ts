import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { verifyRewardSchemeWorkflow } from "../../../../../../workflows/loyalty/workflows/verify-reward-scheme"
import { rewardSchemeOf } from "../../helpers"
import type { StoreVerifyRewardSchemeType } from "../../validators"
import type { StoreEngagementRewardSchemeResponse } from "../../../../../../types/store"
import type { Sent, SentError } from "../../../../../utils/sent"

const REFUSALS: Record<string, string> = {
  no_code: "no code is waiting for this scheme (sign up first)",
  expired: "the code has expired (sign up again for a new one)",
  too_many_tries: "too many tries (sign up again for a new code)",
  wrong_code: "the code is not right",
}

/** Completes a closed-loop sign-up with the emailed code; a refusal is a 400 naming `code` and why. */
export const POST = async (
  req: AuthenticatedMedusaRequest<StoreVerifyRewardSchemeType>,
  res: MedusaResponse<
    Sent<StoreEngagementRewardSchemeResponse> | (SentError & { reason: string; tries_left: number | null })
  >
) => {
  const { result } = await verifyRewardSchemeWorkflow(req.scope).run({
    input: { customer_id: req.auth_context.actor_id, scheme_id: req.params.id, code: req.validatedBody.code },
  })
  if (result.outcome !== "verified") {
    res.status(400).json({
      type: "invalid_data",
      message: `code: ${REFUSALS[result.outcome]}`,
      reason: result.outcome,
      tries_left: result.tries_left,
    })
    return
  }
  res.json({ reward_scheme: await rewardSchemeOf(req.scope, req.auth_context.actor_id, req.params.id) })
}
