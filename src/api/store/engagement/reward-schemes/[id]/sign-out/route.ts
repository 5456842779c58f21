import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { signOutRewardSchemeWorkflow } from "../../../../../../workflows/loyalty/workflows/sign-out-reward-scheme"
import { rewardSchemeOf, sourceRewardSchemeOf } from "../../helpers"
import type { StoreEngagementRewardSchemeResponse } from "../../../../../../types/store"
import type { Sent, SentError } from "../../../../../utils/sent"
import { sendLoyaltySourceWriteWorkflow } from "../../../../../../workflows/loyalty-source/workflows/send-loyalty-source-write"
import { loyaltySourceTakes } from "../../../../../../workflows/loyalty-source/utils/source-writes"

/** Leaves a scheme: later orders earn without its multiplier (on the platform that keeps the points, when one does). */
export const POST = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<Sent<StoreEngagementRewardSchemeResponse> | SentError>
) => {
  const customerId = req.auth_context.actor_id
  if (loyaltySourceTakes(req.scope, "scheme_sign_out")) {
    const scheme = await sourceRewardSchemeOf(req.scope, customerId, req.params.id)
    const { result } = await sendLoyaltySourceWriteWorkflow(req.scope).run({
      input: { customer_id: customerId, action: { kind: "scheme_sign_out", scheme_id: scheme.id } },
    })
    if (result.accepted) {
      res.status(202).json(result.accepted)
      return
    }
    res.json({ reward_scheme: { ...scheme, joined: false } })
    return
  }
  await signOutRewardSchemeWorkflow(req.scope).run({
    input: { customer_id: customerId, scheme_id: req.params.id },
  })
  res.json({ reward_scheme: await rewardSchemeOf(req.scope, customerId, req.params.id) })
}
