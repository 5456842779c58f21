import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { LOYALTY_EVENTS } from "../../../modules/loyalty/types"
import { commitOrderRedemptionStep } from "../steps/commit-order-redemption"
import type { SharedOrderReadInput } from "../../../utils/shared-order-read"

export const commitOrderRedemptionWorkflowId = "commit-order-redemption"

/** The points a placed order's cart held become its `redeem` row. */
export const commitOrderRedemptionWorkflow = createWorkflow(
  commitOrderRedemptionWorkflowId,
  (input: { order_id: string } & SharedOrderReadInput) => {
    const committed = commitOrderRedemptionStep(input)
    const events = transform({ committed }, ({ committed }) =>
      committed.customer_ids.length ? [{ customer_ids: committed.customer_ids }] : []
    )
    emitEventStep({ eventName: LOYALTY_EVENTS.ACCOUNT_CHANGED, data: events })
    return new WorkflowResponse(committed)
  }
)
