import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import type { ReservationRecord } from "../../../modules/loyalty/ledger/reservations"
import { LOYALTY_MODULE } from "../../../modules/loyalty/types"
import type { PreparedRedemption } from "./prepare-cart-redemption"

export const reserveCartPointsStepId = "reserve-cart-points"

type Undo = { cart_id: string; previous: ReservationRecord | null }

/** Puts back what a cart held before: the previous hold, or none. */
async function restoreHold(loyalty: LoyaltyModuleService, undo: Undo) {
  if (undo.previous) {
    const { customer_id, cart_id, points, currency_code, amount, expires_at } = undo.previous
    await loyalty.reserveLoyaltyPoints({ customer_id, cart_id, points, currency_code, amount, expires_at })
  } else {
    await loyalty.releaseLoyaltyReservation(undo.cart_id)
  }
}

/** Holds the points for the cart (replacing its previous hold); compensation puts the previous hold back. */
export const reserveCartPointsStep = createStep(
  reserveCartPointsStepId,
  async (input: PreparedRedemption, { container }) => {
    const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    const holdMs = (await loyalty.effectiveOptions()).redeem.hold_hours * 3_600_000
    const previous = await loyalty.reserveLoyaltyPoints({
      customer_id: input.customer_id,
      cart_id: input.cart_id,
      points: input.points,
      currency_code: input.currency_code,
      amount: input.amount,
      expires_at: new Date(Date.now() + holdMs),
    })
    return new StepResponse(input.points, { cart_id: input.cart_id, previous } as Undo)
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    await restoreHold(container.resolve<LoyaltyModuleService>(LOYALTY_MODULE), undo)
  }
)

export const releaseCartPointsStepId = "release-cart-points"

/** Gives the cart's held points back; compensation holds them again. */
export const releaseCartPointsStep = createStep(
  releaseCartPointsStepId,
  async (input: { cart_id: string }, { container }) => {
    const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    const released = await loyalty.releaseLoyaltyReservation(input.cart_id)
    return new StepResponse(
      released?.points ?? 0,
      released ? ({ cart_id: input.cart_id, previous: released } as Undo) : undefined
    )
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    await restoreHold(container.resolve<LoyaltyModuleService>(LOYALTY_MODULE), undo)
  }
)
