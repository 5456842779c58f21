import { orderCanceledCancellation } from "../../contact-sync/steps/build-journey-cancellations"
import { cancelJourneysWorkflow } from "../../contact-sync/workflows/cancel-journeys"
import { refreshOrderStatisticsWorkflow } from "../../contacts/workflows/refresh-order-statistics"
import { reverseOrderPointsWorkflow } from "../../loyalty/workflows/reverse-order-points"
import { reverseReferralAwardWorkflow } from "../../loyalty/workflows/reverse-referral-award"
import { cancelReviewRequestWorkflow } from "../../review-requests/workflows/cancel-review-request"
import { ORDER_CANCELED_SOURCE } from "../sources"
import type { MedusaContainer } from "@medusajs/framework/types"
import type { ReconciliationCheck, ReconciliationItem } from "../types"
import { appliedAny, engagementOf, localLoyaltyOn, loyaltyOf, ordersWithEarnings } from "./engagement"

const ids = (items: { order_id: string }[]) => items.map((item) => item.order_id)

/** The canceled order's statistics fact says so (src/subscribers/order-statistics.ts). */
const canceledFacts: ReconciliationCheck = {
  kind: "order_facts_canceled",
  source: ORDER_CANCELED_SOURCE,
  applies: () => true,
  async findMissing(container, items) {
    const customers = items.filter((item) => item.customer_id)
    if (!customers.length) {
      return []
    }
    const facts = await engagementOf(container).listOrderFacts(
      { order_id: ids(customers) },
      { select: ["order_id", "canceled_at"] }
    )
    const canceled = new Set(facts.filter((fact) => fact.canceled_at).map((fact) => fact.order_id))
    return customers.filter((item) => !canceled.has(item.order_id))
  },
  async repair(container, item) {
    await refreshOrderStatisticsWorkflow(container).run({ input: { order_ids: [item.order_id] } })
    return true
  },
}

/** A review request still waiting to go out is canceled (src/subscribers/order-canceled-review-request.ts). */
const canceledReviewRequest: ReconciliationCheck = {
  kind: "review_request_canceled",
  source: ORDER_CANCELED_SOURCE,
  applies: () => true,
  async findMissing(container, items) {
    const waiting = await engagementOf(container).listReviewRequests(
      { order_id: ids(items), status: "scheduled" },
      { select: ["order_id"] }
    )
    const still = new Set(waiting.map((request) => request.order_id))
    return items.filter((item) => still.has(item.order_id))
  },
  async repair(container, item) {
    await cancelReviewRequestWorkflow(container).run({ input: { order_id: item.order_id } })
    return true
  },
}

/**
 * What the canceled order earned is taken back and what it redeemed given back, once
 * (src/subscribers/order-loyalty-points.ts): the reversal's rows are keyed `cancel:<order>:<line>`.
 */
const canceledPoints: ReconciliationCheck = {
  kind: "loyalty_cancel_reversal",
  source: ORDER_CANCELED_SOURCE,
  applies: localLoyaltyOn,
  async findMissing(container, items) {
    const earned = await ordersWithEarnings(container, ids(items))
    const earning = items.filter((item) => earned.has(item.order_id))
    if (!earning.length) {
      return []
    }
    const reversals = await loyaltyOf(container).listLoyaltyTransactions(
      { order_id: ids(earning), type: "reverse" },
      { select: ["order_id", "idempotency_key"] }
    )
    const reversed = new Set(
      reversals.filter((row) => row.idempotency_key.startsWith(`cancel:${row.order_id}:`)).map((row) => row.order_id)
    )
    return earning.filter((item) => !reversed.has(item.order_id))
  },
  async repair(container, item) {
    const { result: reversed } = await reverseOrderPointsWorkflow(container).run({
      input: { order_id: item.order_id, cause: "cancel" },
    })
    await reverseReferralAwardWorkflow(container).run({ input: { order_id: item.order_id } })
    return appliedAny(reversed)
  },
}

/** The platforms that stop a shopper's journeys when an order of theirs is canceled. */
const journeyStoppers = (container: MedusaContainer) =>
  engagementOf(container)
    .providersWith("journeys")
    .filter(({ capability }) => capability.cancel_on_order_cancel)

/**
 * The shopper's journeys stopped on each platform set to (src/subscribers/order-canceled-journeys.ts):
 * an order lacks it while one of those platforms has no outbox row under the key its provider gives
 * the order's cancellation.
 */
const canceledJourneys: ReconciliationCheck = {
  kind: "journeys_canceled",
  source: ORDER_CANCELED_SOURCE,
  applies: (container) => journeyStoppers(container).length > 0,
  async findMissing(container, items) {
    const platforms = journeyStoppers(container)
    const keysOf = (item: ReconciliationItem) =>
      platforms.map(
        ({ capability }) =>
          capability.buildCancellation(
            orderCanceledCancellation({ id: item.order_id, email: item.email!, customer_id: item.customer_id })
          ).idempotency_key
      )
    const withEmail = items.filter((item) => item.email)
    const keys = withEmail.flatMap(keysOf)
    if (!keys.length) {
      return []
    }
    const rows = await engagementOf(container).listDeliveries(
      { idempotency_key: keys },
      { select: ["idempotency_key"] }
    )
    const have = new Set(rows.map((row) => row.idempotency_key))
    return withEmail.filter((item) => keysOf(item).some((key) => !have.has(key)))
  },
  async repair(container, item) {
    const cancellation = orderCanceledCancellation({
      id: item.order_id,
      email: item.email!,
      customer_id: item.customer_id,
    })
    await cancelJourneysWorkflow(container).run({ input: { cancellations: [cancellation] } })
    return true
  },
}

/** What the order.canceled subscribers do, one check each. */
export const ORDER_CANCELED_CHECKS: ReconciliationCheck[] = [
  canceledFacts,
  canceledReviewRequest,
  canceledPoints,
  canceledJourneys,
]
