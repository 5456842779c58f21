import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendReferralInvitationsWorkflow } from "../../../../../workflows/loyalty/workflows/send-referral-invitations"
import type { StoreSendReferralInvitationsType } from "../validators"
import type { StoreEngagementReferralInvitationsResponse } from "../../../../../types/store"
import type { Sent } from "../../../../utils/sent"

/** Invites up to 10 addresses with the shopper's referral link; each address says whether it was sent or why not. */
export const POST = async (
  req: AuthenticatedMedusaRequest<StoreSendReferralInvitationsType>,
  res: MedusaResponse<Sent<StoreEngagementReferralInvitationsResponse>>
) => {
  const { result } = await sendReferralInvitationsWorkflow(req.scope).run({
    input: { customer_id: req.auth_context.actor_id, emails: req.validatedBody.emails },
  })
  res.json({ invitations: result })
}
