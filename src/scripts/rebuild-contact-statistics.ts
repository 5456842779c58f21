import type { ExecArgs, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type EngagementModuleService from "../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../provider-api/provider"
import { refreshOrderStatisticsWorkflow } from "../workflows/contacts/workflows/refresh-order-statistics"

/**
 * Rebuilds every customer's purchase statistics from the existing orders, a page at a time (for
 * orders placed before the plugin was installed, or after restoring data). Safe to run again.
 */
export async function rebuildContactStatistics(
  container: MedusaContainer,
  { pageSize = 200, onProgress }: { pageSize?: number; onProgress?: (done: number, total: number) => void } = {}
): Promise<{ orders: number }> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  // the running totals start again from the facts there are (some may have been removed or restored)
  await container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE).recountOrderTotals()
  let done = 0
  for (;;) {
    const { data, metadata } = await query.graph({
      entity: "order",
      fields: ["id"],
      filters: { customer_id: { $ne: null } },
      pagination: { skip: done, take: pageSize, order: { created_at: "ASC" } },
    })
    if (!data.length) {
      return { orders: done }
    }
    await refreshOrderStatisticsWorkflow(container).run({ input: { order_ids: data.map((order) => order.id) } })
    done += data.length
    onProgress?.(done, metadata?.count ?? done)
  }
}

/** npx medusa exec ./src/scripts/rebuild-contact-statistics.ts */
export default async function rebuildContactStatisticsScript({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const { orders } = await rebuildContactStatistics(container, {
    onProgress: (done, total) => logger.info(`engagement: statistics rebuilt for ${done}/${total} orders`),
  })
  logger.info(`engagement: purchase statistics rebuilt from ${orders} orders`)
}
