import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { loyaltyOf } from "../../../utils/loyalty"
import type { StoreEngagementReferralResponse } from "../../../../types/store"
import type { Sent } from "../../../utils/sent"

/** The signed-in shopper's referral code and link, with how many they invited, joined and were rewarded. */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<Sent<StoreEngagementReferralResponse>>
) => {
  res.json({ referral: await loyaltyOf(req.scope).getReferral(req.auth_context.actor_id) })
}
