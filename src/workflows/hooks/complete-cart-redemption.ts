import { Modules } from "@medusajs/framework/utils"
import type { StepExecutionContext } from "@medusajs/framework/workflows-sdk"
import { StepResponse } from "@medusajs/framework/workflows-sdk"
import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import type LoyaltyModuleService from "../../modules/loyalty/service"
import { LOYALTY_EVENTS, LOYALTY_MODULE } from "../../modules/loyalty/types"
import { orderLoyaltyCarts } from "../loyalty/utils/order-redemption"

/** What the checkout redeemed, for the undo. */
interface CommittedRedemption {
  cart_id: string
  order_id: string
}

type OrderCreatedHook = (
  invoke: (
    input: { order_id: string; cart_id: string },
    context: StepExecutionContext
  ) => Promise<StepResponse<{ points: number }, CommittedRedemption | undefined>>,
  compensate: (committed: CommittedRedemption | undefined, context: StepExecutionContext) => Promise<void>
) => void

/**
 * `completeCartWorkflow` declares `orderCreated` in every release of the peer range (2.18.0 to
 * 2.21) after the payment is authorized, though its types list `validate` only. Should a release
 * drop it, nothing is registered and `order.placed`'s points part redeems instead.
 */
function declaresOrderCreated(hooks: object): hooks is { orderCreated: OrderCreatedHook } {
  return "orderCreated" in hooks && typeof hooks.orderCreated === "function"
}

/**
 * The points a cart held become the order's `redeem` row inside the checkout, so they are spent
 * when `POST /store/carts/:id/complete` answers (the storefront reads the shopper's history right
 * after). The validate hook (complete-cart-loyalty) has decided the points may be spent. This is
 * the completion's last step before its lock is released: if it fails, the completion undoes what
 * it did (the payment authorized is cancelled, the order deleted, the cart open again); if
 * something after it fails, the redemption is undone exactly (`uncommitLoyaltyReservation`: the
 * points held for the cart again). A hold released in the meantime is left to `order.placed`'s
 * points part (process-placed-order), which redeems idempotently, keyed by the cart.
 */
if (declaresOrderCreated(completeCartWorkflow.hooks)) {
  completeCartWorkflow.hooks.orderCreated(
    async ({ order_id, cart_id }, { container, eventGroupId }) => {
      const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
      if (loyalty.options.source !== "local" || (await loyalty.retrieveCartReservation(cart_id))?.status !== "held") {
        return new StepResponse({ points: 0 }, undefined)
      }
      // a hold whose credit line did not reach the order (removed another way) is not spent
      if (!(await orderLoyaltyCarts(container, order_id)).includes(cart_id)) {
        return new StepResponse({ points: 0 }, undefined)
      }
      const committed = await loyalty.commitLoyaltyReservation(cart_id, order_id)
      if (!committed) {
        return new StepResponse({ points: 0 }, undefined)
      }
      // in the completion's event group: emitted once it has succeeded, dropped if it fails
      await container.resolve(Modules.EVENT_BUS).emit({
        name: LOYALTY_EVENTS.ACCOUNT_CHANGED,
        data: { customer_ids: [committed.customer_id] },
        metadata: eventGroupId ? { eventGroupId } : undefined,
      })
      return new StepResponse({ points: committed.points }, { cart_id, order_id })
    },
    async (committed, { container }) => {
      if (!committed) {
        return
      }
      await container
        .resolve<LoyaltyModuleService>(LOYALTY_MODULE)
        .uncommitLoyaltyReservation(committed.cart_id, committed.order_id)
    }
  )
}
