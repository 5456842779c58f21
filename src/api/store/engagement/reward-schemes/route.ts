import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { rewardSchemesOf } from "./helpers"
import type { StoreEngagementRewardSchemesResponse } from "../../../../types/store"
import type { Sent } from "../../../utils/sent"

/** The configured reward schemes, each with whether the signed-in shopper joined it. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse<Sent<StoreEngagementRewardSchemesResponse>>) => {
  res.json({ reward_schemes: await rewardSchemesOf(req.scope, req.auth_context.actor_id) })
}
