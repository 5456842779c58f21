import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import { bulkDeliveryFilter, type BulkDeliverySelection, MAX_BULK_DELIVERIES } from "../utils/bulk-selection"

export const cancelDeliveriesStepId = "cancel-deliveries"

export interface CancelDeliveriesResult {
  canceled: string[]
  /** asked-for ids that are not failed or dead (or do not exist): left as they are */
  skipped: string[]
  /** more rows match the filter than one bulk cancel takes */
  has_more: boolean
}

/**
 * Cancels up to {@link MAX_BULK_DELIVERIES} failed or dead deliveries, chosen by id or by the log's
 * filters: the admin gives up on them, and no retry takes them again. Compensation gives each its
 * previous status back.
 */
export const cancelDeliveriesStep = createStep(
  cancelDeliveriesStepId,
  async (input: BulkDeliverySelection, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const candidates = await engagement.listDeliveries(bulkDeliveryFilter(input), {
      select: ["id"],
      order: { created_at: "ASC" },
      take: MAX_BULK_DELIVERIES + 1,
    })
    const chosen = candidates.slice(0, MAX_BULK_DELIVERIES).map((row) => row.id)
    const changed = await engagement.cancelEndedDeliveries(chosen)
    const canceled = new Set(changed.map((row) => row.id))
    const result: CancelDeliveriesResult = {
      canceled: chosen.filter((id) => canceled.has(id)),
      skipped: (input.ids ?? []).filter((id) => !canceled.has(id)),
      has_more: candidates.length > MAX_BULK_DELIVERIES,
    }
    return new StepResponse(result, changed)
  },
  async (changed, { container }) => {
    if (!changed?.length) {
      return
    }
    await container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE).uncancelDeliveries(changed)
  }
)
