import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { enqueueDeliveriesStep } from "../../outbox/steps/enqueue-deliveries"
import { planLoyaltySourceCallStep, type PlanLoyaltySourceCallInput } from "../steps/plan-loyalty-source-call"

export const sendLoyaltySourceCallWorkflowId = "send-loyalty-source-call"

/**
 * Puts a shopper's loyalty write to the platform that keeps the points in the outbox, once: a
 * retry of the same write returns the row already standing. Returns the row's id; the caller
 * dispatches it at once (a separate workflow, so that no failure there can undo a row already sent).
 */
export const sendLoyaltySourceCallWorkflow = createWorkflow(
  sendLoyaltySourceCallWorkflowId,
  (input: PlanLoyaltySourceCallInput) => {
    const plan = planLoyaltySourceCallStep(input)
    const deliveries = transform({ plan }, ({ plan }) => plan.deliveries)
    const enqueued = enqueueDeliveriesStep(deliveries)
    const deliveryId = transform({ plan, enqueued }, ({ plan, enqueued }) => plan.reuse_id ?? enqueued[0].delivery.id)
    return new WorkflowResponse(deliveryId)
  }
)
