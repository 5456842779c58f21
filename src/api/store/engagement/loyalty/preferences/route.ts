import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { MedusaContainer } from "@medusajs/framework/types"
import { setLoyaltyPreferencesWorkflow } from "../../../../../workflows/loyalty/workflows/set-loyalty-preferences"
import { loyaltyOf } from "../../../../utils/loyalty"
import { loyaltySourceOf } from "../../../../../workflows/loyalty-source/utils/loyalty-source"
import { sendLoyaltySourceWriteWorkflow } from "../../../../../workflows/loyalty-source/workflows/send-loyalty-source-write"
import { loyaltySourceTakes } from "../../../../../workflows/loyalty-source/utils/source-writes"
import type { StoreEngagementLoyaltyPreferencesResponse } from "../../../../../types/store"
import type { Sent, SentError } from "../../../../utils/sent"
import type { StoreSetLoyaltyPreferencesType } from "../validators"

async function preferencesOf(scope: MedusaContainer, customerId: string) {
  const source = loyaltySourceTakes(scope, "auto_spend") ? loyaltySourceOf(scope) : null
  if (source?.autoSpend) {
    return { auto_spend: await source.autoSpend(customerId) }
  }
  const [row] = await loyaltyOf(scope).listLoyaltyPreferences({ customer_id: customerId })
  return {
    auto_spend: { enabled: row?.auto_spend_enabled ?? false, minimum_points: row?.auto_spend_minimum_points ?? 0 },
  }
}

/** The signed-in shopper's loyalty preferences (automatic spend off until they turn it on). */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<Sent<StoreEngagementLoyaltyPreferencesResponse> | SentError>
) => {
  res.json({ preferences: await preferencesOf(req.scope, req.auth_context.actor_id) })
}

/**
 * Turns automatic spend on or off: their points then go on each new cart when payment is set up.
 * While a platform keeps the points, it is that platform's automatic spend preference.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<StoreSetLoyaltyPreferencesType>,
  res: MedusaResponse<Sent<StoreEngagementLoyaltyPreferencesResponse> | SentError>
) => {
  const { auto_spend } = req.validatedBody
  const preference = { enabled: auto_spend.enabled, minimum_points: auto_spend.minimum_points ?? 0 }
  if (loyaltySourceTakes(req.scope, "auto_spend")) {
    const { result } = await sendLoyaltySourceWriteWorkflow(req.scope).run({
      input: { customer_id: req.auth_context.actor_id, action: { kind: "auto_spend", ...preference } },
    })
    if (result.accepted) {
      res.status(202).json(result.accepted)
      return
    }
    res.json({ preferences: { auto_spend: preference } })
    return
  }
  await setLoyaltyPreferencesWorkflow(req.scope).run({
    input: { customer_id: req.auth_context.actor_id, auto_spend: preference },
  })
  res.json({ preferences: await preferencesOf(req.scope, req.auth_context.actor_id) })
}
