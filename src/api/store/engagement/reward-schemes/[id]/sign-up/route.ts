import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { signUpRewardSchemeWorkflow } from "../../../../../../workflows/loyalty/workflows/sign-up-reward-scheme"
import { answerRetryLater, RetryLater, rewardSchemeOf, sourceRewardSchemeOf } from "../../helpers"
import type { StoreSignUpRewardSchemeType } from "../../validators"
import type { StoreEngagementRewardSchemeSignUpResponse } from "../../../../../../types/store"
import type { Sent, SentError } from "../../../../../utils/sent"
import { sendLoyaltySourceWriteWorkflow } from "../../../../../../workflows/loyalty-source/workflows/send-loyalty-source-write"
import { loyaltySourceTakes } from "../../../../../../workflows/loyalty-source/utils/source-writes"

/**
 * Joins an open scheme; for a closed-loop one, sends a code to `{ email }` (in an allowed domain) to
 * verify — a 429 with `Retry-After` while the shopper's tries or the address's codes are used up. While a platform keeps the points, the sign-up goes to it (it sends the code itself).
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<StoreSignUpRewardSchemeType>,
  res: MedusaResponse<Sent<StoreEngagementRewardSchemeSignUpResponse> | SentError | RetryLater>
) => {
  const customerId = req.auth_context.actor_id
  if (loyaltySourceTakes(req.scope, "scheme_sign_up")) {
    const scheme = await sourceRewardSchemeOf(req.scope, customerId, req.params.id)
    const email = scheme.closed_loop ? req.validatedBody.email : undefined
    if (scheme.closed_loop && !email) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "email: this scheme is closed-loop: give an address in one of its domains to get the code"
      )
    }
    const { result } = await sendLoyaltySourceWriteWorkflow(req.scope).run({
      input: { customer_id: customerId, action: { kind: "scheme_sign_up", scheme_id: scheme.id, email } },
    })
    if (result.accepted) {
      res.status(202).json(result.accepted)
      return
    }
    res.json({
      reward_scheme: { ...scheme, joined: scheme.closed_loop ? scheme.joined : true },
      verification: email ? { email, expires_at: null } : null,
    })
    return
  }
  const { result } = await signUpRewardSchemeWorkflow(req.scope).run({
    input: { customer_id: customerId, scheme_id: req.params.id, email: req.validatedBody.email },
  })
  if (result.refused) {
    answerRetryLater(res, {
      ...(result.refused.reason === "too_many_tries"
        ? { field: "code", why: "too many tries for this scheme, a new code would not help" }
        : { field: "email", why: "this address has had as many codes as it may have for now" }),
      reason: result.refused.reason,
      retry_at: result.refused.retry_at,
    })
    return
  }
  res.json({
    reward_scheme: await rewardSchemeOf(req.scope, customerId, req.params.id),
    verification: result.verification,
  })
}
