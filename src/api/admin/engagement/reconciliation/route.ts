import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type EngagementModuleService from "../../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../../provider-api/provider"
import type { AdminGetReconciliationParamsType } from "./validators"

/**
 * GET /admin/engagement/reconciliation: what the order reconciliation repaired in the last `hours`
 * (24 by default): the orders, and per kind of work how many and which ("3 orders repaired in the
 * last 24 h").
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetReconciliationParamsType>,
  res: MedusaResponse
) => {
  const { hours } = req.validatedQuery as AdminGetReconciliationParamsType
  const since = new Date(Date.now() - hours * 3_600_000)
  const repairs = await req.scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE).listRepairsSince(since)
  const kinds = new Map<string, Set<string>>()
  for (const repair of repairs) {
    kinds.set(repair.kind, (kinds.get(repair.kind) ?? new Set()).add(repair.order_id))
  }
  const orderIds = [...new Set(repairs.map((repair) => repair.order_id))]
  res.json({
    reconciliation: {
      since: since.toISOString(),
      hours,
      orders_repaired: orderIds.length,
      order_ids: orderIds,
      last_repair_at: repairs[0]?.repaired_at ?? null,
      kinds: [...kinds].map(([kind, orders]) => ({ kind, count: orders.size, order_ids: [...orders] })),
    },
  })
}
