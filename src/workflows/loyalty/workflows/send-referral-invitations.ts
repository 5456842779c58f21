import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { sendNotificationsStep } from "@medusajs/medusa/core-flows"
import { createReferralCodesStep } from "../steps/create-referral-codes"
import { prepareReferralInvitationsStep } from "../steps/prepare-referral-invitations"

export const sendReferralInvitationsWorkflowId = "send-referral-invitations"

/**
 * An advocate invites up to 10 addresses: each one that may be mailed gets one invitation email
 * through Medusa's notifications (keyed per advocate and address, so a retry sends nothing twice).
 */
export const sendReferralInvitationsWorkflow = createWorkflow(
  sendReferralInvitationsWorkflowId,
  (input: { customer_id: string; emails: string[] }) => {
    // an advocate created before codes were made on `customer.created` gets theirs now
    const advocate = transform({ input }, ({ input }) => ({ customer_ids: [input.customer_id] }))
    createReferralCodesStep(advocate)
    const prepared = prepareReferralInvitationsStep(input)
    const notifications = transform({ prepared }, ({ prepared }) => prepared.notifications)
    sendNotificationsStep(notifications)
    return new WorkflowResponse(transform({ prepared }, ({ prepared }) => prepared.outcomes))
  }
)
