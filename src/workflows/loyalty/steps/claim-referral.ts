import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import type { ReferralRecord } from "../../../modules/loyalty/ledger/referrals"
import { LOYALTY_MODULE } from "../../../modules/loyalty/types"

export const claimReferralStepId = "claim-referral"

interface CustomerRow {
  id: string
  email: string | null
  created_at: Date | string
}

/**
 * Claims a referral code for the signed-in customer: reads who the advocate and the referee are
 * (their emails, whether the referee's address ordered or was a customer before this account),
 * then lets the module decide and record the claim, accepted or refused with its reason.
 * Undo deletes the row it recorded.
 */
export const claimReferralStep = createStep(
  claimReferralStepId,
  async (input: { code: string; customer_id: string }, { container }) => {
    const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    const advocateId = await loyalty.retrieveReferralCodeOwner(input.code)
    if (!advocateId) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, "code: no such referral code")
    }
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: people } = await query.graph({
      entity: "customer",
      fields: ["id", "email", "created_at"],
      filters: { id: [advocateId, input.customer_id] },
    })
    const referee = (people as CustomerRow[]).find((person) => person.id === input.customer_id)
    const advocate = (people as CustomerRow[]).find((person) => person.id === advocateId)
    if (!referee?.email) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "The customer has no email to claim a referral with")
    }
    // a customer before: an order of this account, or another customer record (a guest checkout,
    // an earlier account) with the same address
    const { data: orders } = await query.graph({
      entity: "order",
      fields: ["id"],
      filters: { customer_id: referee.id },
      pagination: { take: 1 },
    })
    const { data: sameEmail } = await query.graph({
      entity: "customer",
      fields: ["id"],
      filters: { email: referee.email.toLowerCase(), id: { $ne: referee.id } },
      pagination: { take: 1 },
    })
    const referral = (await loyalty.claimReferral({
      code: input.code,
      referee_customer_id: referee.id,
      referee_email: referee.email,
      advocate_email: advocate?.email ?? null,
      already_customer: orders.length > 0 || sameEmail.length > 0,
    }))!
    return new StepResponse(referral as ReferralRecord, referral.id)
  },
  async (referralId, { container }) => {
    if (!referralId) {
      return
    }
    await container.resolve<LoyaltyModuleService>(LOYALTY_MODULE).deleteLoyaltyReferrals(referralId)
  }
)
