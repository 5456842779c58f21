import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { commitOrderRedemptionWorkflow } from "../workflows/loyalty/workflows/commit-order-redemption"
import { removeCartLoyaltyPointsWorkflow } from "../workflows/loyalty/workflows/remove-cart-loyalty-points"
import type LoyaltyModuleService from "../modules/loyalty/service"
import { LOYALTY_EVENTS, LOYALTY_MODULE } from "../modules/loyalty/types"
import type { TierChange } from "../modules/loyalty/ledger/tier-state"

// one run works through a backlog in pages, but always ends
const MAX_PAGES_PER_RUN = 20

/**
 * The ledger's clock: expires what is left of lots past their date, makes matured pending
 * points spendable, moves the tier window on (accounts whose points left it are re-tiered), and
 * settles carts that held points past the hold time (released, or redeemed if the cart became an order).
 * Each lot is its own transaction under its account's lock, keyed so a second run changes nothing.
 */
export default async function loyaltyMaintenance(container: MedusaContainer) {
  const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
  const logger = container.resolve("logger")
  let expired = 0
  let released = 0
  const changed = new Set<string>()
  const tierChanges: TierChange[] = []
  for (let page = 0; page < MAX_PAGES_PER_RUN; page++) {
    const customers = await loyalty.expireLots()
    expired += customers.length
    customers.forEach((id) => changed.add(id))
    if (!customers.length) {
      break
    }
  }
  for (let page = 0; page < MAX_PAGES_PER_RUN; page++) {
    const result = await loyalty.releaseMaturedLots()
    released += result.released
    result.customer_ids.forEach((id) => changed.add(id))
    tierChanges.push(...result.tier_changes)
    if (!result.released) {
      break
    }
  }
  tierChanges.push(...(await loyalty.refreshTierWindows()))
  const holds = await releaseAbandonedHolds(container, loyalty)
  const events: { name: string; data: unknown }[] = tierChanges.map((change) => ({
    name: LOYALTY_EVENTS.TIER_CHANGED,
    data: change,
  }))
  if (changed.size) {
    events.push({ name: LOYALTY_EVENTS.ACCOUNT_CHANGED, data: { customer_ids: [...changed] } })
  }
  if (events.length) {
    await container.resolve(Modules.EVENT_BUS).emit(events)
  }
  if (expired || released || tierChanges.length || holds) {
    logger.info(
      `loyalty: ${expired} lots expired, ${released} pending lots released, ${tierChanges.length} tier changes, ${holds} cart holds settled`
    )
  }
}

export const config = {
  name: "engagement-loyalty-maintenance",
  schedule: "17 * * * *",
}

/**
 * Carts holding points past the hold time: an abandoned cart gives them back (and loses its credit
 * line); a cart that became an order has them redeemed, in case its order.placed was missed.
 */
async function releaseAbandonedHolds(container: MedusaContainer, loyalty: LoyaltyModuleService): Promise<number> {
  let settled = 0
  for (let page = 0; page < MAX_PAGES_PER_RUN; page++) {
    const due = await loyalty.listExpiredReservations()
    if (!due.length) {
      break
    }
    for (const hold of due) {
      try {
        settled += await settleHold(container, loyalty, hold)
      } catch (error) {
        // one cart's failure holds up no other; it is tried again next run
        container
          .resolve("logger")
          .warn(`loyalty: the hold of cart ${hold.cart_id} could not be settled: ${(error as Error).message}`)
      }
    }
  }
  return settled
}

/** Settles one cart's hold: redeemed if the cart became an order, else given back. */
async function settleHold(
  container: MedusaContainer,
  loyalty: LoyaltyModuleService,
  hold: { cart_id: string; customer_id: string }
) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart",
    fields: ["id", "completed_at", "order.id"],
    filters: { id: hold.cart_id },
  })
  const cart = data[0] as { completed_at?: Date | null; order?: { id: string } | null } | undefined
  if (cart?.completed_at && cart.order?.id) {
    await commitOrderRedemptionWorkflow(container).run({ input: { order_id: cart.order.id } })
  } else if (cart && !cart.completed_at) {
    await removeCartLoyaltyPointsWorkflow(container).run({
      input: { cart_id: hold.cart_id, customer_id: hold.customer_id },
    })
  } else {
    // the cart is gone: its points come back
    await loyalty.releaseLoyaltyReservation(hold.cart_id)
  }
  return 1
}
