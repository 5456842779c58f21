import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type EngagementModuleService from "../../../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../../../provider-api/provider"
import type { ChartWeeksParamsType } from "../../../../utils/chart-windows"

/**
 * GET /admin/engagement/review-requests/stats?weeks=12: the review requests created each week
 * through the funnel (scheduled, sent, clicked, reviewed with points awarded) and the reasons of
 * the skipped ones over the same weeks.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { weeks } = req.validatedQuery as ChartWeeksParamsType
  const engagement = req.scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  res.json({ stats: await engagement.reviewRequestFunnel(weeks, new Date()) })
}
