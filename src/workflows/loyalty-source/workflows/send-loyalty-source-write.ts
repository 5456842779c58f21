import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { LoyaltySourceAction } from "../../../provider-api/loyalty-source-writes"
import { dispatchDeliveriesStep } from "../../outbox/steps/dispatch-deliveries"
import { awaitLoyaltySourceOutcomeStep } from "../steps/await-loyalty-source-outcome"
import { buildLoyaltySourceCallStep } from "../steps/build-loyalty-source-call"
import { enqueueLoyaltySourceCallStep } from "../steps/enqueue-loyalty-source-call"
import { planLoyaltySourceCallStep } from "../steps/plan-loyalty-source-call"

export const sendLoyaltySourceWriteWorkflowId = "send-loyalty-source-write"

export interface SendLoyaltySourceWriteInput {
  customer_id: string
  action: LoyaltySourceAction
  /** fields the 400 of a refusal carries besides its reason */
  refused_extras?: Record<string, unknown>
}

/**
 * Sends the signed-in shopper's write to the platform that keeps the points, through the outbox:
 * one row per write (a retry of the same write is answered from its row, never sent twice),
 * attempted at once while the shopper waits. Returns `done` (the platform did it) or `accepted`
 * (not answered yet: it is sent shortly). A write that did not go through throws an
 * `AnsweredError` the plugin's error handler answers: 400 naming the field the platform refused,
 * 409 while the contact is not on it, 424 naming it when it does not answer or refuses the store.
 * No step undoes the row: once attempted, it is the record of a call that may have arrived.
 */
export const sendLoyaltySourceWriteWorkflow = createWorkflow(
  sendLoyaltySourceWriteWorkflowId,
  (input: SendLoyaltySourceWriteInput) => {
    const built = buildLoyaltySourceCallStep(input)
    const planInput = transform({ input, built }, ({ input, built }) => ({
      platform: built.platform,
      customer_id: input.customer_id,
      identity: built.identity,
      call: built.call,
    }))
    const plan = planLoyaltySourceCallStep(planInput)
    const deliveryId = enqueueLoyaltySourceCallStep(plan)
    const dispatchInput = transform({ deliveryId, built }, ({ deliveryId, built }) => ({
      ids: [deliveryId],
      platforms: [built.platform],
    }))
    dispatchDeliveriesStep(dispatchInput)
    const awaitInput = transform({ input, built, deliveryId }, ({ input, built, deliveryId }) => ({
      customer_id: input.customer_id,
      action: input.action,
      delivery_id: deliveryId,
      platform: { name: built.name, call: built.call },
      refused_extras: input.refused_extras,
    }))
    return new WorkflowResponse(awaitLoyaltySourceOutcomeStep(awaitInput))
  }
)
