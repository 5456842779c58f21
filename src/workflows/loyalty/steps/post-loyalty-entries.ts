import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { LOYALTY_MODULE, LoyaltyEntryInput } from "../../../modules/loyalty/types"
import { undoEntries } from "../utils/undo-entries"

export const postLoyaltyEntriesStepId = "post-loyalty-entries"

/**
 * Applies ledger entries in one transaction (a key already applied changes nothing).
 * Compensation appends the opposite of what this step applied: the ledger is append-only,
 * so an undo is a new row.
 */
export const postLoyaltyEntriesStep = createStep(
  postLoyaltyEntriesStepId,
  async (input: { entries: LoyaltyEntryInput[] }, { container }) => {
    if (!input.entries.length) {
      return new StepResponse({ results: [], tier_changes: [] }, [] as LoyaltyEntryInput[])
    }
    const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    const posted = await loyalty.postLoyaltyEntries(input.entries)
    return new StepResponse(posted, undoEntries(input.entries, posted.results))
  },
  async (undo, { container }) => {
    if (!undo?.length) {
      return
    }
    await container.resolve<LoyaltyModuleService>(LOYALTY_MODULE).postLoyaltyEntries(undo)
  }
)
