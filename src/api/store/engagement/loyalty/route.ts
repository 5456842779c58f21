import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { loyaltyOf } from "../../../utils/loyalty"
import type { StoreEngagementLoyaltyResponse } from "../../../../types/store"
import type { Sent } from "../../../utils/sent"

/** The signed-in shopper's points: spendable balance, pending, reserved, tier and what expires when. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse<Sent<StoreEngagementLoyaltyResponse>>) => {
  const loyalty = await loyaltyOf(req.scope).getLoyaltySummary(req.auth_context.actor_id)
  res.json({ loyalty })
}
