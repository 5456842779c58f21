import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { claimReferralWorkflow } from "../../../../../workflows/loyalty/workflows/claim-referral"
import type { StoreClaimReferralType } from "../validators"
import type { StoreEngagementReferralClaimResponse } from "../../../../../types/store"
import type { Sent, SentError } from "../../../../utils/sent"
import { sendLoyaltySourceWriteWorkflow } from "../../../../../workflows/loyalty-source/workflows/send-loyalty-source-write"
import { loyaltySourceTakes } from "../../../../../workflows/loyalty-source/utils/source-writes"

/**
 * The signed-in shopper claims a referral code before their first order. A refused claim is
 * recorded with its reason and answered 400 with that reason; the code's owner is never shown.
 * While a platform keeps the points, the claim is its referral event (it decides and awards).
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<StoreClaimReferralType>,
  res: MedusaResponse<
    Sent<StoreEngagementReferralClaimResponse> | (SentError & Sent<StoreEngagementReferralClaimResponse>) | SentError
  >
) => {
  const code = req.validatedBody.code.toUpperCase()
  if (loyaltySourceTakes(req.scope, "referral_claim")) {
    const { result } = await sendLoyaltySourceWriteWorkflow(req.scope).run({
      input: { customer_id: req.auth_context.actor_id, action: { kind: "referral_claim", code } },
    })
    if (result.accepted) {
      res.status(202).json(result.accepted)
      return
    }
    const { external_id, delivery } = result.done
    res.json({ referral: { id: external_id ?? delivery.id, code, status: "claimed", refusal_reason: null } })
    return
  }
  const { result } = await claimReferralWorkflow(req.scope).run({
    input: { code, customer_id: req.auth_context.actor_id },
  })
  const referral = { id: result.id, code: result.code, status: result.status, refusal_reason: result.refusal_reason }
  if (result.status === "refused") {
    res.status(400).json({
      type: "not_allowed",
      code: result.refusal_reason ?? undefined,
      message: `code: the claim is refused (${result.refusal_reason})`,
      referral,
    })
    return
  }
  res.json({ referral })
}
