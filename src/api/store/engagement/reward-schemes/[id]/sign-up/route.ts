import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { signUpRewardSchemeWorkflow } from "../../../../../../workflows/loyalty/workflows/sign-up-reward-scheme"
import { rewardSchemeOf } from "../../helpers"
import type { StoreSignUpRewardSchemeType } from "../../validators"
import type { StoreEngagementRewardSchemeSignUpResponse } from "../../../../../../types/store"
import type { Sent } from "../../../../../utils/sent"

/** Joins an open scheme; for a closed-loop one, sends a code to `{ email }` (in an allowed domain) to verify. */
export const POST = async (
  req: AuthenticatedMedusaRequest<StoreSignUpRewardSchemeType>,
  res: MedusaResponse<Sent<StoreEngagementRewardSchemeSignUpResponse>>
) => {
  const { result } = await signUpRewardSchemeWorkflow(req.scope).run({
    input: { customer_id: req.auth_context.actor_id, scheme_id: req.params.id, email: req.validatedBody.email },
  })
  res.json({
    reward_scheme: await rewardSchemeOf(req.scope, req.auth_context.actor_id, req.params.id),
    verification: result.verification,
  })
}
