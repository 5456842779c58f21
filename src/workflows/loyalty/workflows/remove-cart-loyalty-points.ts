import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  acquireLockStep,
  deleteCartCreditLinesWorkflow,
  refreshPaymentCollectionForCartWorkflow,
  releaseLockStep,
} from "@medusajs/medusa/core-flows"
import { prepareCartRedemptionStep } from "../steps/prepare-cart-redemption"
import { releaseCartPointsStep } from "../steps/reserve-cart-points"

export const removeCartLoyaltyPointsWorkflowId = "remove-cart-loyalty-points"

/**
 * Takes the points off a cart: its hold is given back to the balance and its credit line removed
 * (the total and payment amount go back up). Under the cart's lock, like completion.
 */
export const removeCartLoyaltyPointsWorkflow = createWorkflow(
  removeCartLoyaltyPointsWorkflowId,
  (input: { cart_id: string; customer_id: string }) => {
    acquireLockStep({ key: input.cart_id, timeout: 5, ttl: 30 })
    const prepared = prepareCartRedemptionStep({ cart_id: input.cart_id, customer_id: input.customer_id, points: null })
    releaseCartPointsStep({ cart_id: input.cart_id })
    const remove = transform({ prepared }, ({ prepared }) => ({ id: prepared.credit_line_ids }))
    deleteCartCreditLinesWorkflow.runAsStep({ input: remove })
    refreshPaymentCollectionForCartWorkflow.runAsStep({ input: { cart_id: input.cart_id } })
    releaseLockStep({ key: input.cart_id })
    return new WorkflowResponse(prepared)
  }
)
