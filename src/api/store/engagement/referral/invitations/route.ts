import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendReferralInvitationsWorkflow } from "../../../../../workflows/loyalty/workflows/send-referral-invitations"
import type { StoreSendReferralInvitationsType } from "../validators"
import type { StoreEngagementReferralInvitationsResponse } from "../../../../../types/store"
import type { Sent, SentError } from "../../../../utils/sent"
import { sendLoyaltySourceWriteWorkflow } from "../../../../../workflows/loyalty-source/workflows/send-loyalty-source-write"
import { loyaltySourceTakes } from "../../../../../workflows/loyalty-source/utils/source-writes"
import { invitationRefusals } from "../../../../../workflows/loyalty/utils/invitation-refusals"

/**
 * Invites up to 10 addresses with the shopper's referral link; each address says whether it was
 * sent or why not. While a platform keeps the points, it sends the invitations with its own codes.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<StoreSendReferralInvitationsType>,
  res: MedusaResponse<Sent<StoreEngagementReferralInvitationsResponse> | SentError>
) => {
  const { emails } = req.validatedBody
  if (loyaltySourceTakes(req.scope, "referral_invitations")) {
    // the platform sends them with its own codes; never to an address that unsubscribed from the store
    const addresses = [...new Set(emails.map((email) => email.trim().toLowerCase()))]
    const refusals = await invitationRefusals(req.scope, addresses)
    const invitations = () =>
      addresses.map((email) => {
        const reason = refusals.get(email) ?? null
        return { email, status: reason ? ("skipped" as const) : ("sent" as const), reason }
      })
    const recipients = addresses.filter((email) => !refusals.has(email))
    if (!recipients.length) {
      res.json({ invitations: invitations() })
      return
    }
    const { result } = await sendLoyaltySourceWriteWorkflow(req.scope).run({
      input: { customer_id: req.auth_context.actor_id, action: { kind: "referral_invitations", emails: recipients } },
    })
    if (result.accepted) {
      res.status(202).json(result.accepted)
      return
    }
    res.json({ invitations: invitations() })
    return
  }
  const { result } = await sendReferralInvitationsWorkflow(req.scope).run({
    input: { customer_id: req.auth_context.actor_id, emails },
  })
  res.json({ invitations: result })
}
