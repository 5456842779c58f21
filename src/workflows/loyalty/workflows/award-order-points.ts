import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitLoyaltyEvents } from "../utils/emit-loyalty-events"
import { buildOrderEarningsStep } from "../steps/build-order-earnings"
import { postLoyaltyEntriesStep } from "../steps/post-loyalty-entries"
import type { SharedOrderReadInput } from "../../../utils/shared-order-read"

export const awardOrderPointsWorkflowId = "award-order-points"

/**
 * Awards the points a placed order earns, once per order line (the keys are the order's lines,
 * so an event delivered twice awards once), and tells who listens when a tier changed.
 */
export const awardOrderPointsWorkflow = createWorkflow(
  awardOrderPointsWorkflowId,
  (input: { order_id: string } & SharedOrderReadInput) => {
    const earnings = buildOrderEarningsStep(input)
    const posted = postLoyaltyEntriesStep(earnings)
    emitLoyaltyEvents(posted)
    return new WorkflowResponse(posted)
  }
)
