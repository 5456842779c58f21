import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import {
  checkoutConsentId,
  CheckoutConsentOutcome,
  checkoutConsentOwner,
  checkoutConsentsFrom,
} from "../utils/checkout-consents"
import type { ConsentRecordInput } from "./create-consent-records"
import { readOrder, SharedOrderReadInput } from "../../../utils/shared-order-read"

/** What the checkout's consents read of the order. */
export const CHECKOUT_CONSENT_ORDER_FIELDS = ["id", "display_id", "customer_id", "metadata", "cart.id"]

export const planCheckoutConsentsStepId = "plan-checkout-consents"

export interface CheckoutConsentPlan {
  order_id: string
  cart_id: string | null
  consents: ConsentRecordInput[]
  /** null: the order carries no checkout choices */
  outcome: CheckoutConsentOutcome | null
}

/**
 * The ledger rows for the choices a shopper made at checkout (the cart's metadata, which Medusa
 * copies onto the order), for the customer signed in when the cart was completed or a guest's own
 * record (see `checkoutConsentOwner`), and what became of each choice. Reads only.
 */
export const planCheckoutConsentsStep = createStep(
  planCheckoutConsentsStepId,
  async (
    input: { order_id: string } & SharedOrderReadInput,
    { container }
  ): Promise<StepResponse<CheckoutConsentPlan>> => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const order = await readOrder(container, input.order_id, CHECKOUT_CONSENT_ORDER_FIELDS, input.shared_read)
    const empty: CheckoutConsentPlan = { order_id: input.order_id, cart_id: null, consents: [], outcome: null }
    const purposes = Object.keys(engagement.getOptions().consents.purposes)
    const { consents, ignored } = checkoutConsentsFrom(order?.metadata, purposes)
    if (!order || (!consents.length && !ignored.length)) {
      return new StepResponse(empty)
    }
    const cartId = (order as { cart?: { id?: string } | null }).cart?.id ?? null
    const [checkout] = cartId
      ? await engagement.listCheckouts({ cart_id: cartId }, { select: ["signed_in_customer_id"] })
      : []
    const [customer] = order.customer_id
      ? await container
          .resolve(Modules.CUSTOMER)
          .listCustomers({ id: order.customer_id }, { select: ["id", "has_account"] })
      : []
    const owner = checkoutConsentOwner({
      customer_id: customer?.id ?? null,
      has_account: !!customer?.has_account,
      signed_in_customer_id: checkout?.signed_in_customer_id ?? null,
    })
    const outcome: CheckoutConsentOutcome = {
      customer_id: owner.customer_id,
      signed_in: owner.customer_id !== null && "actor_type" in owner && owner.actor_type === "customer",
      recorded: [],
      not_recorded: [...ignored],
    }
    const rows: ConsentRecordInput[] = []
    for (const consent of consents) {
      if (!("actor_type" in owner)) {
        outcome.not_recorded.push({ purpose: consent.purpose, reason: owner.reason })
        continue
      }
      outcome.recorded.push({ purpose: consent.purpose, value: consent.value })
      rows.push({
        id: checkoutConsentId(order.id, consent.purpose),
        customer_id: owner.customer_id,
        purpose: consent.purpose,
        value: consent.value,
        source: "checkout",
        actor_type: owner.actor_type,
        actor_id: owner.actor_id,
        wording: consent.wording,
        info: { order_id: order.id, display_id: order.display_id },
      })
    }
    // in purpose order: the metadata's key order is PostgreSQL's jsonb order, not the shopper's
    const byPurpose = (a: { purpose: string }, b: { purpose: string }) => a.purpose.localeCompare(b.purpose)
    outcome.recorded.sort(byPurpose)
    outcome.not_recorded.sort(byPurpose)
    if (outcome.not_recorded.length) {
      // ids and configured purpose names only: an unknown key is the storefront's text (it could be anything)
      const named = outcome.not_recorded
        .filter((entry) => purposes.includes(entry.purpose))
        .map((entry) => entry.purpose)
      const unknown = outcome.not_recorded.length - named.length
      container
        .resolve(ContainerRegistrationKeys.LOGGER)
        .warn(
          `engagement: order ${order.id} checkout consents not recorded: ${[...named, ...(unknown ? [`${unknown} unknown purpose(s)`] : [])].join(", ")}; see the order's engagement data`
        )
    }
    return new StepResponse({ order_id: order.id, cart_id: cartId, consents: rows, outcome })
  }
)
