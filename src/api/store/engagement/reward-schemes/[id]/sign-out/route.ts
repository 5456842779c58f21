import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { signOutRewardSchemeWorkflow } from "../../../../../../workflows/loyalty/workflows/sign-out-reward-scheme"
import { rewardSchemeOf } from "../../helpers"
import type { StoreEngagementRewardSchemeResponse } from "../../../../../../types/store"
import type { Sent } from "../../../../../utils/sent"

/** Leaves a scheme: later orders earn without its multiplier. */
export const POST = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<Sent<StoreEngagementRewardSchemeResponse>>
) => {
  await signOutRewardSchemeWorkflow(req.scope).run({
    input: { customer_id: req.auth_context.actor_id, scheme_id: req.params.id },
  })
  res.json({ reward_scheme: await rewardSchemeOf(req.scope, req.auth_context.actor_id, req.params.id) })
}
