import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { MedusaContainer } from "@medusajs/framework/types"
import { loyaltySourceErrorAnswer, LoyaltySource } from "../../../../../../provider-api/loyalty-source"
import { blockedReasonOf, customerIdForContact } from "../../helpers"
import { loyaltyOf } from "../../../../../utils/loyalty"
import { loyaltySourceOf } from "../../../../../../workflows/loyalty-source/utils/loyalty-source"
import { sendErrorAnswer } from "../../../../../utils/sent"

/** Referrals an admin sees at most per customer (the latest first); `referrals.made_count` has them all. */
const REFERRALS_SHOWN = 20

const referralFields = [
  "id",
  "code",
  "advocate_customer_id",
  "referee_customer_id",
  "referee_email",
  "status",
  "refusal_reason",
  "order_id",
  "awarded_at",
  "created_at",
]

/**
 * A contact's loyalty summary, as the shopper sees it, with the carts holding points, the
 * referrals the customer made (as advocate) and received (as referee), and the schemes joined.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const customerId = await customerIdForContact(req.scope, req.params.id)
  try {
    const source = loyaltySourceOf(req.scope)
    const loyalty = source ? await sourceLoyaltyOf(source, customerId) : await adminLoyaltyOf(req.scope, customerId)
    res.json({ loyalty: { customer_id: customerId, ...loyalty } })
  } catch (error) {
    const answer = loyaltySourceErrorAnswer(error)
    if (!answer) {
      throw error
    }
    sendErrorAnswer(res, answer)
  }
}

/** The same shape from the platform that keeps the points: it holds no carts' points and no referral records of the store. */
async function sourceLoyaltyOf(source: LoyaltySource, customerId: string) {
  const [summary, schemes] = await Promise.all([source.summary(customerId), source.joinedSchemes(customerId)])
  return {
    ...summary,
    source: source.platform,
    holds: [],
    referrals: { made: [], made_count: 0, received: null },
    schemes,
  }
}

async function adminLoyaltyOf(scope: MedusaContainer, customerId: string) {
  const loyalty = loyaltyOf(scope)
  const [summary, blockedReason, holds, [made, madeCount], claims, memberships, options] = await Promise.all([
    loyalty.getLoyaltySummary(customerId),
    blockedReasonOf(loyalty, customerId),
    loyalty.listHeldReservations(customerId),
    loyalty.listAndCountLoyaltyReferrals(
      { advocate_customer_id: customerId },
      { select: referralFields, order: { created_at: "DESC", id: "DESC" }, take: REFERRALS_SHOWN }
    ),
    // the accepted claim of this customer as a referee (at most one), else the latest refused one
    loyalty.listLoyaltyReferrals(
      { referee_customer_id: customerId },
      { select: referralFields, order: { created_at: "DESC" } }
    ),
    loyalty.listLoyaltySchemeMemberships(
      { customer_id: customerId },
      { select: ["scheme_id", "email", "created_at"], order: { created_at: "ASC" } }
    ),
    loyalty.effectiveOptions(),
  ])
  const schemeNames = new Map(options.schemes.list.map((scheme) => [scheme.id, scheme.name]))
  return {
    ...summary,
    blocked_reason: blockedReason,
    holds: holds.map(({ cart_id, points, amount, currency_code, expires_at }) => ({
      cart_id,
      points,
      amount,
      currency_code,
      expires_at,
    })),
    referrals: {
      made,
      made_count: madeCount,
      received: claims.find((claim) => claim.status !== "refused") ?? claims[0] ?? null,
    },
    schemes: memberships.map((membership) => ({
      id: membership.scheme_id,
      name: schemeNames.get(membership.scheme_id) ?? membership.scheme_id,
      email: membership.email,
      joined_at: membership.created_at,
    })),
  }
}
