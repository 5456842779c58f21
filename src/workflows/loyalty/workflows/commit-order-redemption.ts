import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { commitOrderRedemptionStep } from "../steps/commit-order-redemption"

export const commitOrderRedemptionWorkflowId = "commit-order-redemption"

/** The points a placed order's cart held become its `redeem` row. */
export const commitOrderRedemptionWorkflow = createWorkflow(commitOrderRedemptionWorkflowId, (input: { order_id: string }) => {
  return new WorkflowResponse(commitOrderRedemptionStep(input))
})
