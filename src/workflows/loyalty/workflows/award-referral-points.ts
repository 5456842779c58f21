import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { awardReferralPointsStep } from "../steps/award-referral-points"
import { emitLoyaltyEvents } from "../utils/emit-loyalty-events"
import type { SharedOrderReadInput } from "../../../utils/shared-order-read"

export const awardReferralPointsWorkflowId = "award-referral-points"

/** The referee's first order is placed: the advocate and the referee get their referral points, once. */
export const awardReferralPointsWorkflow = createWorkflow(
  awardReferralPointsWorkflowId,
  (input: { order_id: string } & SharedOrderReadInput) => {
    const posted = awardReferralPointsStep(input)
    emitLoyaltyEvents(posted)
    return new WorkflowResponse(posted)
  }
)
