import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import type { DeliveryRecord } from "../../../modules/engagement/types"
import { bulkDeliveryFilter, type BulkDeliverySelection, MAX_BULK_DELIVERIES } from "../utils/bulk-selection"

export const requeueDeliveriesStepId = "requeue-deliveries"

/** The most rows one bulk retry touches; the rest wait for the next one. */
export const MAX_BULK_RETRY = MAX_BULK_DELIVERIES

export type RequeueDeliveriesInput = BulkDeliverySelection

export interface RequeueDeliveriesResult {
  retried: DeliveryRecord[]
  /** asked-for ids that are not failed or dead (or do not exist): left as they are */
  skipped: string[]
  /** more rows match the filter than one bulk retry takes */
  has_more: boolean
}

type Previous = Pick<DeliveryRecord, "id" | "status" | "attempts" | "next_attempt_at">

/**
 * Makes up to {@link MAX_BULK_RETRY} failed or dead deliveries due again, chosen by id or by a
 * filter. Delivered, pending and in-flight rows are never touched; compensation puts each
 * requeued row back as it was.
 */
export const requeueDeliveriesStep = createStep(
  requeueDeliveriesStepId,
  async (input: RequeueDeliveriesInput, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const selector = bulkDeliveryFilter(input)
    const candidates = await engagement.listDeliveries(selector, {
      select: ["id", "status", "attempts", "next_attempt_at"],
      order: { created_at: "ASC" },
      take: MAX_BULK_RETRY + 1,
    })
    const chosen = candidates.slice(0, MAX_BULK_RETRY)
    const retried: DeliveryRecord[] = []
    const previous: Previous[] = []
    for (const row of chosen) {
      // the conditional UPDATE refuses a row a dispatcher claimed since we read it
      const requeued = await engagement.requeueDelivery(row.id).catch(() => null)
      if (requeued) {
        retried.push(requeued)
        previous.push({ id: row.id, status: row.status, attempts: row.attempts, next_attempt_at: row.next_attempt_at })
      }
    }
    const retriedIds = new Set(retried.map((row) => row.id))
    const result: RequeueDeliveriesResult = {
      retried,
      skipped: (input.ids ?? []).filter((id) => !retriedIds.has(id)),
      has_more: candidates.length > MAX_BULK_RETRY,
    }
    return new StepResponse(result, previous)
  },
  async (previous, { container }) => {
    if (!previous?.length) {
      return
    }
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    for (const row of previous) {
      await engagement.restoreDeliveryState(row)
    }
  }
)
