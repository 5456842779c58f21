import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"

export const deleteErasedOrderTotalsStepId = "delete-erased-order-totals"

/**
 * Deletes the shopper's running order totals. Raw SQL: the totals have no generated methods
 * (their rows change only with the order facts, under their lock). Compensation inserts the
 * deleted rows back exactly as they were.
 */
export const deleteErasedOrderTotalsStep = createStep(
  deleteErasedOrderTotalsStepId,
  async (input: { customer_id: string }, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const deleted = await engagement.deleteOrderTotals(input.customer_id)
    return new StepResponse(deleted.length, deleted)
  },
  async (deleted, { container }) => {
    if (!deleted?.length) {
      return
    }
    await container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE).restoreOrderTotals(deleted)
  }
)
