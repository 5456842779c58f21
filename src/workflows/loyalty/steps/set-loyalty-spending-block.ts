import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../modules/loyalty/types"

export const setLoyaltySpendingBlockStepId = "set-loyalty-spending-block"

/** Blocks or unblocks spending; compensation puts the previous block state back. */
export const setLoyaltySpendingBlockStep = createStep(
  setLoyaltySpendingBlockStepId,
  async (input: { customer_id: string; blocked: boolean; reason: string }, { container }) => {
    const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    const previous = await loyalty.setSpendingBlocked(input.customer_id, input.blocked, input.reason)
    return new StepResponse(previous, previous ? { customer_id: input.customer_id, ...previous } : null)
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    await loyalty.setSpendingBlocked(undo.customer_id, undo.spending_blocked, undo.blocked_reason ?? "")
  }
)
