import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { verifyRewardSchemeWorkflow } from "../../../../../../workflows/loyalty/workflows/verify-reward-scheme"
import { answerRetryLater, RetryLater, rewardSchemeOf, sourceRewardSchemeOf } from "../../helpers"
import { LOCAL_SCHEME_CODE, type StoreVerifyRewardSchemeType } from "../../validators"
import type { StoreEngagementRewardSchemeResponse } from "../../../../../../types/store"
import type { Sent, SentError } from "../../../../../utils/sent"
import { sendLoyaltySourceWriteWorkflow } from "../../../../../../workflows/loyalty-source/workflows/send-loyalty-source-write"
import { loyaltySourceTakes } from "../../../../../../workflows/loyalty-source/utils/source-writes"

const REFUSALS: Record<string, string> = {
  no_code: "no code is waiting for this scheme (sign up first)",
  expired: "the code has expired (sign up again for a new one)",
  too_many_tries: "too many tries (sign up again for a new code)",
  wrong_code: "the code is not right",
}

type Refusal = SentError & { reason: string; tries_left: number | null }

/**
 * Completes a closed-loop sign-up with the emailed code; a refusal is a 400 naming `code` and why,
 * or a 429 with `Retry-After` while the shopper's tries for the scheme are used up (across codes).
 * While a platform keeps the points, the code is checked by it (it sent the code).
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<StoreVerifyRewardSchemeType>,
  res: MedusaResponse<Sent<StoreEngagementRewardSchemeResponse> | Refusal | SentError | RetryLater>
) => {
  const customerId = req.auth_context.actor_id
  const { code } = req.validatedBody
  if (loyaltySourceTakes(req.scope, "scheme_verify")) {
    const scheme = await sourceRewardSchemeOf(req.scope, customerId, req.params.id)
    const { result: sent } = await sendLoyaltySourceWriteWorkflow(req.scope).run({
      input: {
        customer_id: customerId,
        action: { kind: "scheme_verify", scheme_id: scheme.id, code },
        // the platform says whether the code is right, not how many tries are left
        refused_extras: { tries_left: null },
      },
    })
    if (sent.accepted) {
      res.status(202).json(sent.accepted)
      return
    }
    res.json({ reward_scheme: { ...scheme, joined: true } })
    return
  }
  if (!LOCAL_SCHEME_CODE.test(code)) {
    res.status(400).json({
      type: "invalid_data",
      message: "code: must be the 6 digits sent by email",
      reason: "wrong_code",
      tries_left: null,
    })
    return
  }
  const { result } = await verifyRewardSchemeWorkflow(req.scope).run({
    input: { customer_id: customerId, scheme_id: req.params.id, code },
  })
  if (result.outcome === "rate_limited" && result.retry_at) {
    answerRetryLater(res, {
      field: "code",
      why: "too many tries for this scheme",
      reason: result.outcome,
      retry_at: result.retry_at,
      tries_left: 0,
    })
    return
  }
  if (result.outcome !== "verified") {
    res.status(400).json({
      type: "invalid_data",
      message: `code: ${REFUSALS[result.outcome]}`,
      reason: result.outcome,
      tries_left: result.tries_left,
    })
    return
  }
  res.json({ reward_scheme: await rewardSchemeOf(req.scope, customerId, req.params.id) })
}
