import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import { ReviewRequestStatus } from "../../../modules/engagement/types"

export interface ReviewRequestUpdate {
  status?: ReviewRequestStatus
  send_at?: Date | null
  sent_at?: Date | null
  channel?: string | null
  delivery_id?: string | null
  external_id?: string | null
  reason?: string | null
  locked_until?: Date | null
  /** JSON columns: see `jsonColumn` */
  purchases?: Record<string, unknown> | null
  excluded_items?: Record<string, unknown> | null
  reminders_sent?: number
  next_reminder_at?: Date | null
  clicked_at?: Date | null
}

/**
 * A list stored in a JSON column. The data-model types JSON columns as objects, though PostgreSQL's
 * jsonb (and the order-time insert) keeps arrays as they are.
 */
export function jsonColumn(value: unknown): Record<string, unknown> | null {
  return (value ?? null) as Record<string, unknown> | null
}

export interface UpdateReviewRequestsStepInput {
  selector: {
    id?: string | string[]
    order_id?: string
    status?: ReviewRequestStatus | ReviewRequestStatus[]
    trigger?: string
  }
  /** only rows still waiting for their trigger (send time not set) */
  only_unstarted?: boolean
  update: ReviewRequestUpdate
}

export const updateReviewRequestsStepId = "update-review-requests"

/** Updates the matching review requests; compensation puts back the values they had. */
export const updateReviewRequestsStep = createStep(
  updateReviewRequestsStepId,
  async (input: UpdateReviewRequestsStepInput, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const fields = Object.keys(input.update) as (keyof ReviewRequestUpdate)[]
    const matching = (await engagement.listReviewRequests(input.selector, { select: ["id", ...fields] })).filter(
      (row) => !input.only_unstarted || !row.send_at
    )
    if (!matching.length) {
      return new StepResponse([], [])
    }
    const updated = await engagement.updateReviewRequests(matching.map((row) => ({ id: row.id, ...input.update })))
    const previous = matching.map((row) => ({
      id: row.id,
      ...Object.fromEntries(fields.map((field) => [field, row[field as keyof typeof row]])),
    }))
    return new StepResponse(updated, previous)
  },
  async (previous, { container }) => {
    if (!previous?.length) {
      return
    }
    await container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE).updateReviewRequests(previous)
  }
)
