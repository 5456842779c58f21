import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordCheckoutConsentsWorkflow } from "../../consents/workflows/record-checkout-consents"
import { refreshOrderStatisticsWorkflow } from "../../contacts/workflows/refresh-order-statistics"
import { recordCartConversionWorkflow } from "../../conversions/workflows/record-cart-conversion"
import { awardOrderPointsWorkflow } from "../../loyalty/workflows/award-order-points"
import { awardReferralPointsWorkflow } from "../../loyalty/workflows/award-referral-points"
import { commitOrderRedemptionWorkflow } from "../../loyalty/workflows/commit-order-redemption"
import { createReviewRequestWorkflow } from "../../review-requests/workflows/create-review-request"
import { planPlacedOrderWorkStep } from "../steps/plan-placed-order-work"

export const processPlacedOrderWorkflowId = "process-placed-order"

/**
 * Runs on `order.placed`: the plugin's whole work for the order in one run, one part after the
 * other (the order's statistics fact, its checkout consents, its review request, its cart
 * conversion, its points), so a checkout starts one workflow rather than six racing for the same
 * process. Each part is the workflow the reconciliation job reruns when that part is missing, and
 * each is isolated as when they ran apart: a part that fails undoes its own steps only, and the
 * parts after it still run (`continueOnPermanentFailure`), so reconciliation finds that part alone
 * missing. The loyalty parts keep their order: a failed redemption commit skips the award after it,
 * as the subscriber's awaits did, since an order with earn rows is not looked at again.
 * Every part is keyed per order, so `order.placed` arriving twice changes nothing the second time.
 */
export const processPlacedOrderWorkflow = createWorkflow(
  processPlacedOrderWorkflowId,
  (input: { order_id: string }) => {
    const work = planPlacedOrderWorkStep(input)
    const orderIds = transform({ work }, ({ work }) => ({ order_ids: [work.order_id] }))
    const order = transform({ work }, ({ work }) => ({ order_id: work.order_id }))

    refreshOrderStatisticsWorkflow
      .runAsStep({ input: orderIds })
      .config({ name: "placed-order-statistics", continueOnPermanentFailure: true })
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
    // last, so that skipping what follows a failed loyalty part skips loyalty parts only
    when({ work }, ({ work }) => work.loyalty_points).then(() => {
      commitOrderRedemptionWorkflow
        .runAsStep({ input: order })
        .config({ name: "placed-order-redemption", skipOnPermanentFailure: true })
      awardOrderPointsWorkflow
        .runAsStep({ input: order })
        .config({ name: "placed-order-points", skipOnPermanentFailure: true })
      awardReferralPointsWorkflow
        .runAsStep({ input: order })
        .config({ name: "placed-order-referral-points", continueOnPermanentFailure: true })
    })
    return new WorkflowResponse(work)
  }
)
