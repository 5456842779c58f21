import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  acquireLockStep,
  createCartCreditLinesWorkflow,
  deleteCartCreditLinesWorkflow,
  refreshPaymentCollectionForCartWorkflow,
  releaseLockStep,
} from "@medusajs/medusa/core-flows"
import { LOYALTY_CREDIT_REFERENCE, prepareCartRedemptionStep } from "../steps/prepare-cart-redemption"
import { reserveCartPointsStep } from "../steps/reserve-cart-points"

export const applyCartLoyaltyPointsWorkflowId = "apply-cart-loyalty-points"

/**
 * Applies a shopper's points to their cart: the points are held at once (the balance drops, the
 * reserved points grow), and one credit line of exactly their value replaces the cart's previous
 * one, so the cart's total and its payment amount drop by that value. Runs under the cart's lock,
 * the one Medusa's cart completion takes, so it never races a checkout.
 */
export const applyCartLoyaltyPointsWorkflow = createWorkflow(
  applyCartLoyaltyPointsWorkflowId,
  (input: { cart_id: string; customer_id: string; points: number }) => {
    acquireLockStep({ key: input.cart_id, timeout: 5, ttl: 30 })
    const prepared = prepareCartRedemptionStep(input)
    reserveCartPointsStep(prepared)
    const lines = transform({ prepared }, ({ prepared }) => ({
      remove: { id: prepared.credit_line_ids },
      add: [
        {
          cart_id: prepared.cart_id,
          // a decimal of at most the currency's digits: the shortest number Medusa's BigNumber reads back exactly
          amount: Number(prepared.amount),
          reference: LOYALTY_CREDIT_REFERENCE,
          reference_id: prepared.cart_id,
          metadata: { points: prepared.points },
        },
      ],
    }))
    deleteCartCreditLinesWorkflow.runAsStep({ input: lines.remove })
    createCartCreditLinesWorkflow.runAsStep({ input: lines.add })
    refreshPaymentCollectionForCartWorkflow.runAsStep({ input: { cart_id: input.cart_id } })
    releaseLockStep({ key: input.cart_id })
    return new WorkflowResponse(prepared)
  }
)
