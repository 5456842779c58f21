import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordCheckoutConsentsWorkflow } from "../../consents/workflows/record-checkout-consents"
import { refreshOrderStatisticsWorkflow } from "../../contacts/workflows/refresh-order-statistics"
import { recordCartConversionWorkflow } from "../../conversions/workflows/record-cart-conversion"
import { awardOrderPointsWorkflow } from "../../loyalty/workflows/award-order-points"
import { awardReferralPointsWorkflow } from "../../loyalty/workflows/award-referral-points"
import { commitOrderRedemptionWorkflow } from "../../loyalty/workflows/commit-order-redemption"
import { createReviewRequestWorkflow } from "../../review-requests/workflows/create-review-request"
import { forgetSharedOrderReadStep } from "../steps/forget-shared-order-read"
import { planPlacedOrderWorkStep } from "../steps/plan-placed-order-work"

export const processPlacedOrderWorkflowId = "process-placed-order"

const STATISTICS = "placed-order-statistics"

/**
 * Runs on `order.placed`: the plugin's whole work for the order in one run, one part after the
 * other (its points, the order's statistics fact, its checkout consents, its review request,
 * its cart conversion), so a checkout starts one workflow rather than six racing for the same
 * process. Each part is the workflow the reconciliation job reruns when that part is missing, and
 * each is isolated as when they ran apart: a part that fails undoes its own steps only, and the
 * parts after it still run (`continueOnPermanentFailure`), so reconciliation finds that part alone
 * missing. The loyalty parts keep their order: a failed redemption commit skips the award after it,
 * as the subscriber's awaits did, since an order with earn rows is not looked at again; they come
 * first, so the shopper's history right after the checkout shows the points spent and earned.
 * Every part is keyed per order, so `order.placed` arriving twice changes nothing the second time.
 * The order is read once for all the parts (utils/shared-order-read.ts), not once by each.
 */
export const processPlacedOrderWorkflow = createWorkflow(
  processPlacedOrderWorkflowId,
  (input: { order_id: string }) => {
    const work = planPlacedOrderWorkStep(input)
    // each part is handed the token of the order's one read (steps/plan-placed-order-work.ts)
    const orderIds = transform({ work }, ({ work }) => ({ order_ids: [work.order_id], shared_read: work.shared_read }))
    const order = transform({ work }, ({ work }) => ({ order_id: work.order_id, shared_read: work.shared_read }))

    // first: the shopper's history shows the points spent and earned as soon as the checkout has
    // answered. A failed loyalty part skips the loyalty parts after it only, resuming at the
    // statistics (the name below), as the old subscriber's awaits did
    when({ work }, ({ work }) => work.loyalty_points).then(() => {
      commitOrderRedemptionWorkflow
        .runAsStep({ input: order })
        .config({ name: "placed-order-redemption", skipOnPermanentFailure: STATISTICS })
      awardOrderPointsWorkflow
        .runAsStep({ input: order })
        .config({ name: "placed-order-points", skipOnPermanentFailure: STATISTICS })
      awardReferralPointsWorkflow
        .runAsStep({ input: order })
        .config({ name: "placed-order-referral-points", continueOnPermanentFailure: true })
    })
    refreshOrderStatisticsWorkflow
      .runAsStep({ input: orderIds })
      .config({ name: STATISTICS, continueOnPermanentFailure: true })
    recordCheckoutConsentsWorkflow
      .runAsStep({ input: order })
      .config({ name: "placed-order-checkout-consents", continueOnPermanentFailure: true })
    when({ work }, ({ work }) => work.review_request).then(() => {
      createReviewRequestWorkflow
        .runAsStep({ input: order })
        .config({ name: "placed-order-review-request", continueOnPermanentFailure: true })
    })
    when({ work }, ({ work }) => work.cart_conversion).then(() => {
      recordCartConversionWorkflow
        .runAsStep({ input: order })
        .config({ name: "placed-order-cart-conversion", continueOnPermanentFailure: true })
    })
    forgetSharedOrderReadStep(work)
    return new WorkflowResponse(work)
  }
)
