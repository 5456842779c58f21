import type { CreateNotificationDTO } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import type { PostResult } from "../../../modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../modules/loyalty/types"

export const signUpRewardSchemeStepId = "sign-up-reward-scheme"

export interface SignUpResult {
  joined: boolean
  verification: { email: string; expires_at: Date } | null
  /** no code sent: the shopper's tries for the scheme, or the address's codes, are used up until `retry_at` */
  refused: { reason: "too_many_tries" | "too_many_codes"; retry_at: Date } | null
  notifications: CreateNotificationDTO[]
  results: PostResult["results"]
  tier_changes: PostResult["tier_changes"]
}
type SignUpMade = {
  membership_id: string | null
  verification_id: string | null
  /** the code sent (counted per address) and the open verifications the new one replaced */
  attempt_id?: string | null
  replaced_verification_ids?: string[]
}

/**
 * Signs the shopper up for a scheme: an open one is joined at once (with its sign-up bonus the
 * first time ever); a closed-loop one takes an address in an allowed domain and starts a
 * verification whose code is returned as the notification to send — unless the shopper's tries
 * or the address's codes are used up for now (`refused`, with when to come back: nothing sent).
 * Undo ends the membership it made or deletes the verification it started (with the code's count
 * against the address) and brings back the one it replaced (the bonus is keyed once per customer and scheme,
 * so it is never given twice and stays, as every keyed ledger row does).
 */
export const signUpRewardSchemeStep = createStep(
  signUpRewardSchemeStepId,
  async (input: { customer_id: string; scheme_id: string; email?: string }, { container }) => {
    const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    const scheme = await loyalty.rewardScheme(input.scheme_id)
    if (!scheme) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Reward scheme ${input.scheme_id} was not found`)
    }
    if (!scheme.allowed_domains.length) {
      if (input.email !== undefined) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, "email: an open scheme takes no email")
      }
      const joined = await loyalty.joinRewardScheme({
        customer_id: input.customer_id,
        scheme_id: scheme.id,
        email: null,
      })
      return new StepResponse<SignUpResult, SignUpMade>(
        {
          joined: true,
          verification: null,
          refused: null,
          notifications: [],
          results: joined.results,
          tier_changes: joined.tier_changes,
        },
        { membership_id: joined.membership_id, verification_id: null }
      )
    }
    if (!input.email) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `email: required, an address at ${scheme.allowed_domains.join(" or ")}`
      )
    }
    const email = input.email.trim().toLowerCase()
    const domain = email.slice(email.lastIndexOf("@") + 1)
    if (!scheme.allowed_domains.includes(domain)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `email: must be an address at ${scheme.allowed_domains.join(" or ")}`
      )
    }
    if ((await loyalty.listMemberSchemeIds(input.customer_id)).includes(scheme.id)) {
      // already a member: nothing to verify, no code sent
      return new StepResponse<SignUpResult, SignUpMade>(
        { joined: true, verification: null, refused: null, notifications: [], results: [], tier_changes: [] },
        { membership_id: null, verification_id: null }
      )
    }
    const started = await loyalty.startSchemeVerification({
      customer_id: input.customer_id,
      scheme_id: scheme.id,
      email,
    })
    if (started.refused) {
      return new StepResponse<SignUpResult, SignUpMade>(
        {
          joined: false,
          verification: null,
          refused: { reason: started.refused, retry_at: started.retry_at },
          notifications: [],
          results: [],
          tier_changes: [],
        },
        { membership_id: null, verification_id: null }
      )
    }
    const notification = {
      to: email,
      channel: loyalty.options.schemes.email_channel,
      template: loyalty.options.schemes.verification_template,
      idempotency_key: `scheme-verification:${started.id}`,
      trigger_type: "engagement.scheme_verification",
      resource_id: started.id,
      resource_type: "loyalty_scheme_verification",
      data: {
        scheme_id: scheme.id,
        scheme_name: scheme.name,
        code: started.code,
        expires_at: started.expires_at.toISOString(),
      },
    }
    return new StepResponse<SignUpResult, SignUpMade>(
      {
        joined: false,
        verification: { email, expires_at: started.expires_at },
        refused: null,
        notifications: [notification],
        results: [],
        tier_changes: [],
      },
      {
        membership_id: null,
        verification_id: started.id,
        attempt_id: started.attempt_id,
        replaced_verification_ids: started.replaced_ids,
      }
    )
  },
  async (made, { container }) => {
    if (!made) {
      return
    }
    const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    if (made.membership_id) {
      await loyalty.deleteLoyaltySchemeMemberships(made.membership_id)
    }
    if (made.verification_id) {
      await loyalty.deleteLoyaltySchemeVerifications(made.verification_id)
    }
    if (made.attempt_id) {
      await loyalty.deleteLoyaltySchemeAttempts(made.attempt_id)
    }
    if (made.replaced_verification_ids?.length) {
      await loyalty.restoreLoyaltySchemeVerifications(made.replaced_verification_ids)
    }
  }
)
