import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import type LoyaltyModuleService from "../modules/loyalty/service"
import { LOYALTY_EVENTS, LOYALTY_MODULE } from "../modules/loyalty/types"

// one run works through a backlog in pages, but always ends
const MAX_PAGES_PER_RUN = 20

/**
 * The ledger's clock: expires what is left of lots past their date, makes matured pending
 * points spendable, and moves the tier window on (accounts whose points left it are re-tiered).
 * Each lot is its own transaction under its account's lock, keyed so a second run changes nothing.
 */
export default async function loyaltyMaintenance(container: MedusaContainer) {
  const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
  const logger = container.resolve("logger")
  let expired = 0
  let released = 0
  const tierChanges = []
  for (let page = 0; page < MAX_PAGES_PER_RUN; page++) {
    const count = await loyalty.expireLots()
    expired += count
    if (!count) {
      break
    }
  }
  for (let page = 0; page < MAX_PAGES_PER_RUN; page++) {
    const result = await loyalty.releaseMaturedLots()
    released += result.released
    tierChanges.push(...result.tier_changes)
    if (!result.released) {
      break
    }
  }
  tierChanges.push(...(await loyalty.refreshTierWindows()))
  if (tierChanges.length) {
    await container
      .resolve(Modules.EVENT_BUS)
      .emit(tierChanges.map((change) => ({ name: LOYALTY_EVENTS.TIER_CHANGED, data: change })))
  }
  if (expired || released || tierChanges.length) {
    logger.info(`loyalty: ${expired} lots expired, ${released} pending lots released, ${tierChanges.length} tier changes`)
  }
}

export const config = {
  name: "engagement-loyalty-maintenance",
  schedule: "17 * * * *",
}
