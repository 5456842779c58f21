import type { MedusaContainer } from "@medusajs/framework/types"
import sendDueReviewRequests from "../../src/jobs/send-due-review-requests"
import type EngagementModuleService from "../../src/modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../src/modules/engagement/types"
import { eventually } from "./stand-ins"

export function engagementOf(container: MedusaContainer): EngagementModuleService {
  return container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
}

/** The order's review request, once the `order.placed` subscriber has stored it. */
export async function reviewRequestOf(container: MedusaContainer, orderId: string) {
  return await eventually(async () => (await engagementOf(container).listReviewRequests({ order_id: orderId }))[0])
}

/** Lets the send time of a review request pass, as the clock would. */
export async function makeDue(container: MedusaContainer, reviewRequestId: string) {
  await engagementOf(container).updateReviewRequests({ id: reviewRequestId, send_at: new Date(Date.now() - 1000) })
}

/** Runs the send job, then drives the outbox until the request is no longer waiting. */
export async function sendDueAndSettle(container: MedusaContainer, reviewRequestId: string) {
  await sendDueReviewRequests(container)
  const engagement = engagementOf(container)
  return await eventually(async () => {
    await engagement.dispatchDueDeliveries()
    const row = await engagement.retrieveReviewRequest(reviewRequestId)
    return row.status !== "scheduled" ? row : undefined
  })
}

/** Drives the outbox until the delivery has an outcome, as the sweep job would. */
export async function settleDelivery(container: MedusaContainer, id: string) {
  const engagement = engagementOf(container)
  return await eventually(async () => {
    await engagement.dispatchDueDeliveries()
    const row = await engagement.retrieveDelivery(id)
    return ["delivered", "failed", "dead"].includes(row.status) ? row : undefined
  })
}
