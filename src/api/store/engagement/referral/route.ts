import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { loyaltyOf } from "../../../utils/loyalty"
import { loyaltySourceOf } from "../../../../workflows/loyalty-source/utils/loyalty-source"
import type { StoreEngagementReferralResponse } from "../../../../types/store"
import type { Sent, SentError } from "../../../utils/sent"

/**
 * The signed-in shopper's referral code and link, with how many they invited, joined and were
 * rewarded. While a platform that gives codes keeps the points, the code is the platform's (a
 * friend's claim goes there); it keeps the counts, so they are 0 here.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<Sent<StoreEngagementReferralResponse> | SentError>
) => {
  const customerId = req.auth_context.actor_id
  const source = loyaltySourceOf(req.scope)
  if (source?.referralCode) {
    const code = await source.referralCode(customerId)
    const url =
      code === null
        ? null
        : (await loyaltyOf(req.scope).effectiveOptions()).referrals.url.replace("{code}", encodeURIComponent(code))
    res.json({ referral: { code, url, invited: 0, joined: 0, rewarded: 0 } })
    return
  }
  res.json({ referral: await loyaltyOf(req.scope).getReferral(customerId) })
}
