import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { prepareCartRedemptionStep } from "../steps/prepare-cart-redemption"

export const prepareCartRedemptionWorkflowId = "prepare-cart-redemption"

/** Reads what a shopper's cart can take in points, writing nothing (the cart route's GET). */
export const prepareCartRedemptionWorkflow = createWorkflow(
  prepareCartRedemptionWorkflowId,
  (input: { cart_id: string; customer_id: string; points: number | null }) => {
    return new WorkflowResponse(prepareCartRedemptionStep(input))
  }
)
