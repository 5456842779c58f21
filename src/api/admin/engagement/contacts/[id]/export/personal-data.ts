import type { MedusaContainer } from "@medusajs/framework/types"
import type EngagementModuleService from "../../../../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../../../../provider-api/provider"
import type LoyaltyModuleService from "../../../../../../modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../../../../modules/loyalty/types"

const byCreation = { order: { created_at: "ASC" as const } }

/**
 * Everything the plugin holds about one customer besides their contact (profile, consents and
 * their history, sync states): for a data-access request. What is another person's (the email and
 * id of a shopper they referred) or a secret (a verification code's hash, sealed credentials) is left out.
 */
export async function personalDataOf(scope: MedusaContainer, customerId: string, email: string | null) {
  const engagement = scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  const loyalty = scope.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
  const customer = { customer_id: customerId }
  const [
    review_requests,
    deliveries,
    order_facts,
    order_totals,
    checkouts,
    consent_confirmations,
    link_uses,
    accounts,
    transactions,
    reservations,
    preferences,
    codes,
    made,
    claimed,
    invitations,
    invitedAs,
    memberships,
    verifications,
  ] = await Promise.all([
    engagement.listReviewRequests(customer),
    engagement.listDeliveries(customer, byCreation),
    engagement.listOrderFacts(customer),
    engagement.listOrderTotalsOf(customerId),
    engagement.listCheckouts({ signed_in_customer_id: customerId }, byCreation),
    engagement.listConsentConfirmations(customer, byCreation),
    engagement.listLinkUses(customer, byCreation),
    loyalty.listLoyaltyAccounts(customer),
    loyalty.listLoyaltyTransactions(customer, byCreation),
    loyalty.listLoyaltyReservations(customer, byCreation),
    loyalty.listLoyaltyPreferences(customer),
    loyalty.listLoyaltyReferralCodes(customer),
    loyalty.listLoyaltyReferrals({ advocate_customer_id: customerId }, byCreation),
    loyalty.listLoyaltyReferrals({ referee_customer_id: customerId }, byCreation),
    loyalty.listLoyaltyReferralInvitations({ advocate_customer_id: customerId }, byCreation),
    email ? loyalty.listLoyaltyReferralInvitations({ email: email.toLowerCase() }, byCreation) : [],
    loyalty.listLoyaltySchemeMemberships(customer, byCreation),
    loyalty.listLoyaltySchemeVerifications(customer, byCreation),
  ])
  return {
    review_requests,
    deliveries,
    order_facts,
    order_totals,
    checkouts,
    consent_confirmations,
    link_uses,
    loyalty: {
      account: accounts[0] ?? null,
      transactions,
      reservations,
      preferences: preferences[0] ?? null,
    },
    referrals: {
      codes,
      // the shoppers they referred are other people: their id and email stay out
      made: made.map(({ referee_customer_id: _id, referee_email: _email, ...referral }) => referral),
      claimed,
      invitations_sent: invitations,
      invitations_received: invitedAs.map(({ advocate_customer_id: _advocate, ...invitation }) => invitation),
    },
    schemes: {
      memberships,
      verifications: verifications.map(({ code_hash: _hash, ...verification }) => verification),
    },
  }
}
