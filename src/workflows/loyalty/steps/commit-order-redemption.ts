import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../modules/loyalty/types"
import { LOYALTY_CREDIT_REFERENCE } from "./prepare-cart-redemption"

export const commitOrderRedemptionStepId = "commit-order-redemption"

/**
 * Turns the points an order's cart held into the order's one `redeem` row (the order carries the
 * cart's credit line, whose reference names the cart). Keyed by the cart: an event delivered
 * twice redeems once. The workflow's last write, so it needs no undo.
 */
export const commitOrderRedemptionStep = createStep(
  commitOrderRedemptionStepId,
  async (input: { order_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "order",
      fields: ["id", "credit_lines.reference", "credit_lines.reference_id"],
      filters: { id: input.order_id },
    })
    const cartIds = [
      ...new Set(
        ((data[0]?.credit_lines ?? []) as { reference: string | null; reference_id: string | null }[])
          .filter((line) => line.reference === LOYALTY_CREDIT_REFERENCE && line.reference_id)
          .map((line) => line.reference_id!)
      ),
    ]
    const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    let committed = 0
    const customerIds = new Set<string>()
    for (const cartId of cartIds) {
      const reservation = await loyalty.commitLoyaltyReservation(cartId, input.order_id)
      if (reservation) {
        committed += reservation.points
        customerIds.add(reservation.customer_id)
      }
    }
    return new StepResponse({ points: committed, customer_ids: [...customerIds] })
  }
)
