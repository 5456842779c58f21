import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type EngagementModuleService from "../../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../../provider-api/provider"
import { resolvePeopleFilters, withPeople } from "../../people"
import type { AdminGetDeliveriesParamsType } from "./validators"

// the log shows what happened last first, unless asked otherwise
const NEWEST_FIRST = { created_at: "DESC", id: "DESC" } as const

/**
 * GET /admin/engagement/deliveries: the outbox, newest first, filterable by status, platform,
 * customer (id, email or name) and order (id or number), each row with its order's number and its
 * customer's name and email, and the exact `count` of the rows the filters select. Each filter's
 * page is read from the top of an index in the log's order; the count of the whole log or of a
 * status or platform filter comes from the outbox's counts by platform and status (the same cost at
 * a million rows as at ten), any other filter's from a count of its own rows.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetDeliveriesParamsType>,
  res: MedusaResponse
) => {
  const pagination = { ...req.queryConfig.pagination, order: req.queryConfig.pagination?.order ?? NEWEST_FIRST }
  const page = { offset: pagination.skip ?? 0, limit: pagination.take ?? 0 }
  const filters = await resolvePeopleFilters(req.scope, req.filterableFields ?? {})
  if (!filters) {
    res.json({ deliveries: [], count: 0, count_estimated: false, ...page })
    return
  }
  const engagement = req.scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  const [deliveries, count] = await Promise.all([
    engagement.listDeliveries(filters, {
      select: req.queryConfig.fields,
      skip: pagination.skip,
      take: pagination.take,
      order: pagination.order,
    }),
    countOf(engagement, filters),
  ])
  // count_estimated stays in the answer (always false now) for the clients that read it
  res.json({ deliveries: await withPeople(req.scope, deliveries), count, count_estimated: false, ...page })
}

/** The rows the filters select, exactly: from the counts by platform and status when those are the only filters. */
async function countOf(engagement: EngagementModuleService, filters: Record<string, unknown>): Promise<number> {
  const { status, platform, ...others } = filters as { status?: string | string[]; platform?: string | string[] }
  if (!Object.keys(others).length) {
    return await engagement.countDeliveries({ status, platform })
  }
  const [, count] = await engagement.listAndCountDeliveries(filters, { select: ["id"], take: 1 })
  return count
}
