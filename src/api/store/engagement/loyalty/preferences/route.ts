import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { MedusaContainer } from "@medusajs/framework/types"
import { setLoyaltyPreferencesWorkflow } from "../../../../../workflows/loyalty/workflows/set-loyalty-preferences"
import { loyaltyOf } from "../../../../utils/loyalty"
import type { StoreEngagementLoyaltyPreferencesResponse } from "../../../../../types/store"
import type { Sent } from "../../../../utils/sent"
import type { StoreSetLoyaltyPreferencesType } from "../validators"

async function preferencesOf(scope: MedusaContainer, customerId: string) {
  const [row] = await loyaltyOf(scope).listLoyaltyPreferences({ customer_id: customerId })
  return {
    auto_spend: { enabled: row?.auto_spend_enabled ?? false, minimum_points: row?.auto_spend_minimum_points ?? 0 },
  }
}

/** The signed-in shopper's loyalty preferences (automatic spend off until they turn it on). */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<Sent<StoreEngagementLoyaltyPreferencesResponse>>
) => {
  res.json({ preferences: await preferencesOf(req.scope, req.auth_context.actor_id) })
}

/** Turns automatic spend on or off: their points then go on each new cart when payment is set up. */
export const POST = async (
  req: AuthenticatedMedusaRequest<StoreSetLoyaltyPreferencesType>,
  res: MedusaResponse<Sent<StoreEngagementLoyaltyPreferencesResponse>>
) => {
  const { auto_spend } = req.validatedBody
  await setLoyaltyPreferencesWorkflow(req.scope).run({
    input: {
      customer_id: req.auth_context.actor_id,
      auto_spend: { enabled: auto_spend.enabled, minimum_points: auto_spend.minimum_points ?? 0 },
    },
  })
  res.json({ preferences: await preferencesOf(req.scope, req.auth_context.actor_id) })
}
