import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { LOYALTY_MODULE, LoyaltyEntryInput } from "../../../modules/loyalty/types"

export const postLoyaltyEntriesStepId = "post-loyalty-entries"

/**
 * Applies ledger entries in one transaction (all or none; a key already applied changes nothing).
 * No undo, on purpose: every entry is keyed, so running the workflow again (a redelivered event,
 * a retried request) applies nothing twice and finishes what failed after this step, whereas an
 * undo row would leave the key spent and the points lost for good. Only event emission follows it.
 */
export const postLoyaltyEntriesStep = createStep(
  postLoyaltyEntriesStepId,
  async (input: { entries: LoyaltyEntryInput[] }, { container }) => {
    if (!input.entries.length) {
      return new StepResponse({ results: [], tier_changes: [] })
    }
    const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    return new StepResponse(await loyalty.postLoyaltyEntries(input.entries))
  }
)
