import type { CreateNotificationDTO } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { normaliseEmail } from "../../../modules/loyalty/ledger/referrals"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../modules/loyalty/types"
import { invitationRefusals } from "../utils/invitation-refusals"

export const prepareReferralInvitationsStepId = "prepare-referral-invitations"

export type InvitationOutcome = { email: string; status: "sent" | "skipped"; reason: string | null }

/**
 * Decides which addresses get an advocate's invitation and records them: never an address that
 * withdrew `email_marketing` from the store (any customer record with it), nor one that already
 * has an account, nor one this advocate invited before. Returns the notifications to send and the
 * outcome per address; undo deletes the invitations it recorded.
 */
export const prepareReferralInvitationsStep = createStep(
  prepareReferralInvitationsStepId,
  async (input: { customer_id: string; emails: string[] }, { container }) => {
    const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    const referral = await loyalty.getReferral(input.customer_id)
    const addresses = [...new Set(input.emails.map((email) => email.trim().toLowerCase()))]
    const refusals = await invitationRefusals(container, addresses)
    const outcomes: InvitationOutcome[] = []
    const toRecord: string[] = []
    for (const email of addresses) {
      const reason = refusals.get(email)
      if (reason) {
        outcomes.push({ email, status: "skipped", reason })
      } else {
        toRecord.push(email)
      }
    }
    const fresh = new Set(await loyalty.recordReferralInvitations(input.customer_id, toRecord.map(normaliseEmail)))
    const notifications: CreateNotificationDTO[] = []
    for (const email of toRecord) {
      if (!fresh.has(normaliseEmail(email))) {
        outcomes.push({ email, status: "skipped", reason: "already_invited" })
        continue
      }
      fresh.delete(normaliseEmail(email))
      outcomes.push({ email, status: "sent", reason: null })
      notifications.push({
        to: email,
        channel: (await loyalty.effectiveOptions()).referrals.email_channel,
        template: (await loyalty.effectiveOptions()).referrals.invitation_template,
        idempotency_key: `referral-invitation:${input.customer_id}:${normaliseEmail(email)}`,
        trigger_type: "engagement.referral_invitation",
        resource_id: input.customer_id,
        resource_type: "customer",
        data: { referral_code: referral.code, referral_url: referral.url },
      })
    }
    const recorded = toRecord.map(normaliseEmail).filter((email, index, all) => all.indexOf(email) === index)
    return new StepResponse(
      { outcomes, notifications },
      { customer_id: input.customer_id, emails: notifications.length ? recorded : [] }
    )
  },
  async (recorded, { container }) => {
    if (!recorded?.emails.length) {
      return
    }
    const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    const rows = await loyalty.listLoyaltyReferralInvitations({
      advocate_customer_id: recorded.customer_id,
      email: recorded.emails,
    })
    await loyalty.deleteLoyaltyReferralInvitations(rows.map((row) => row.id))
  }
)
