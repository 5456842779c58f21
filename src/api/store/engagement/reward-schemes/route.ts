import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { rewardSchemesOf } from "./helpers"

/** The configured reward schemes, each with whether the signed-in shopper joined it. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ reward_schemes: await rewardSchemesOf(req.scope, req.auth_context.actor_id) })
}
