import { recordCheckoutConsentsWorkflow } from "../../consents/workflows/record-checkout-consents"
import { checkoutConsentId, checkoutConsentsFrom } from "../../consents/utils/checkout-consents"
import { refreshOrderStatisticsWorkflow } from "../../contacts/workflows/refresh-order-statistics"
import { recordCartConversionWorkflow } from "../../conversions/workflows/record-cart-conversion"
import { awardOrderPointsWorkflow } from "../../loyalty/workflows/award-order-points"
import { awardReferralPointsWorkflow } from "../../loyalty/workflows/award-referral-points"
import { commitOrderRedemptionWorkflow } from "../../loyalty/workflows/commit-order-redemption"
import { createReviewRequestWorkflow } from "../../review-requests/workflows/create-review-request"
import { ORDER_PLACED_SOURCE } from "../sources"
import type { ReconciliationCheck } from "../types"
import { appliedAny, engagementOf, localLoyaltyOn, ordersWithEarnings } from "./engagement"

const ids = (items: { order_id: string }[]) => items.map((item) => item.order_id)

/** The order's statistics fact (process-placed-order, src/workflows/placed-orders); guests have no profile to keep them on. */
const orderFacts: ReconciliationCheck = {
  kind: "order_facts",
  source: ORDER_PLACED_SOURCE,
  applies: () => true,
  async findMissing(container, items) {
    const customers = items.filter((item) => item.customer_id)
    if (!customers.length) {
      return []
    }
    const facts = await engagementOf(container).listOrderFacts({ order_id: ids(customers) }, { select: ["order_id"] })
    const have = new Set(facts.map((fact) => fact.order_id))
    return customers.filter((item) => !have.has(item.order_id))
  },
  async repair(container, item) {
    await refreshOrderStatisticsWorkflow(container).run({ input: { order_ids: [item.order_id] } })
    return true
  },
}

/**
 * The review-request decision (process-placed-order): every decision is a
 * row, scheduled, skipped with its reason or canceled, so no row means never decided.
 */
const reviewRequest: ReconciliationCheck = {
  kind: "review_request",
  source: ORDER_PLACED_SOURCE,
  applies: (container) => engagementOf(container).getOptions().review_requests.enabled,
  async findMissing(container, items) {
    const requests = await engagementOf(container).listReviewRequests(
      { order_id: ids(items) },
      { select: ["order_id"] }
    )
    const have = new Set(requests.map((request) => request.order_id))
    return items.filter((item) => !have.has(item.order_id))
  },
  async repair(container, item) {
    await createReviewRequestWorkflow(container).run({ input: { order_id: item.order_id } })
    return true
  },
}

/** The cart conversion's outbox row on each platform that takes conversions (keyed per order and platform). */
const cartConversion: ReconciliationCheck = {
  kind: "cart_conversion",
  source: ORDER_PLACED_SOURCE,
  applies: (container) => {
    const engagement = engagementOf(container)
    return engagement.providersWith("cart_conversions").length > 0 && engagement.getOptions().conversions.enabled
  },
  async findMissing(container, items) {
    const engagement = engagementOf(container)
    const withEmail = items.filter((item) => item.email)
    const platforms = engagement.providersWith("cart_conversions").map(({ id }) => id)
    const keys = withEmail.flatMap((item) => platforms.map((platform) => `conversion:${item.order_id}:${platform}`))
    if (!keys.length) {
      return []
    }
    const rows = await engagement.listDeliveries({ idempotency_key: keys }, { select: ["idempotency_key"] })
    const have = new Set(rows.map((row) => row.idempotency_key))
    return withEmail.filter((item) =>
      platforms.some((platform) => !have.has(`conversion:${item.order_id}:${platform}`))
    )
  },
  async repair(container, item) {
    await recordCartConversionWorkflow(container).run({ input: { order_id: item.order_id } })
    return true
  },
}

/**
 * The points of the order (process-placed-order): its cart's held points redeemed,
 * its lines' earn rows, a referee's first order's referral award. Only an account holder's order that
 * is not canceled earns; one without earn rows is run again, and counts as repaired only if an
 * entry was applied (an order whose lines earn nothing stays as it was).
 */
const loyaltyPoints: ReconciliationCheck = {
  kind: "loyalty_points",
  source: ORDER_PLACED_SOURCE,
  applies: localLoyaltyOn,
  async findMissing(container, items) {
    const earning = items.filter((item) => item.customer_id && item.has_account && item.status !== "canceled")
    const earned = await ordersWithEarnings(container, ids(earning))
    return earning.filter((item) => !earned.has(item.order_id))
  },
  async repair(container, item) {
    const input = { order_id: item.order_id }
    const { result: committed } = await commitOrderRedemptionWorkflow(container).run({ input })
    const { result: awarded } = await awardOrderPointsWorkflow(container).run({ input })
    const { result: referral } = await awardReferralPointsWorkflow(container).run({ input })
    return committed.points > 0 || appliedAny(awarded) || appliedAny(referral)
  },
}

/**
 * The checkout's consent choices (process-placed-order): what became
 * of them, kept on the order's checkout row, and a ledger row for each choice recorded (ids per
 * order and purpose).
 */
const checkoutConsents: ReconciliationCheck = {
  kind: "checkout_consents",
  source: ORDER_PLACED_SOURCE,
  applies: () => true,
  async findMissing(container, items) {
    const engagement = engagementOf(container)
    const purposes = Object.keys(engagement.getOptions().consents.purposes)
    const choosing = items.filter((item) => {
      const { consents, ignored } = checkoutConsentsFrom(item.metadata, purposes)
      return consents.length > 0 || ignored.length > 0
    })
    if (!choosing.length) {
      return []
    }
    const checkouts = await engagement.listCheckouts({ order_id: ids(choosing) }, { select: ["order_id", "consents"] })
    const outcomes = new Map(
      checkouts.map((row) => [row.order_id, row.consents as { recorded?: { purpose: string }[] }])
    )
    const expected = choosing.flatMap((item) =>
      (outcomes.get(item.order_id)?.recorded ?? []).map(({ purpose }) => checkoutConsentId(item.order_id, purpose))
    )
    const recorded = expected.length
      ? new Set((await engagement.listConsents({ id: expected }, { select: ["id"] })).map((row) => row.id))
      : new Set<string>()
    return choosing.filter((item) => {
      const outcome = outcomes.get(item.order_id)
      if (!outcome) {
        return true
      }
      return (outcome.recorded ?? []).some(({ purpose }) => !recorded.has(checkoutConsentId(item.order_id, purpose)))
    })
  },
  async repair(container, item) {
    await recordCheckoutConsentsWorkflow(container).run({ input: { order_id: item.order_id } })
    return true
  },
}

/** What the order.placed subscribers do, one check each. */
export const ORDER_PLACED_CHECKS: ReconciliationCheck[] = [
  orderFacts,
  reviewRequest,
  cartConversion,
  loyaltyPoints,
  checkoutConsents,
]
