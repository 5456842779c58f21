import { emitEventStep, sendNotificationsStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { EngagementEvents } from "../../../modules/engagement/events"
import { enqueueDeliveriesStep } from "../../outbox/steps/enqueue-deliveries"
import { prepareReviewRequestSendStep } from "../steps/prepare-review-request-send"
import { jsonColumn, updateReviewRequestsStep } from "../steps/update-review-requests"
import { recordReviewContactStep } from "../steps/record-review-contact"
import { settleAttachedReviewRequestStep } from "../steps/settle-attached-review-request"

export const sendReviewRequestWorkflowId = "send-review-request"

/**
 * Sends one due review request: to the platform that sends review requests, through the outbox
 * (the request becomes `sent` when the platform accepts it), or as an email through Medusa's
 * notifications. A canceled order or a withdrawn consent ends it as `canceled` or `skipped` and
 * nothing is sent; so do the exclusions (returned lines, excluded products, test orders…), each
 * with its reason, and a shopper at the cap waits (`wait`: a later send time) or is skipped.
 */
export const sendReviewRequestWorkflow = createWorkflow(
  sendReviewRequestWorkflowId,
  (input: { review_request_id: string }) => {
    const decision = prepareReviewRequestSendStep(input)

    when({ decision }, ({ decision }) => decision.action === "cancel" || decision.action === "skip").then(() => {
      const update = transform({ decision, input }, ({ decision, input }) => ({
        selector: { id: input.review_request_id, status: "scheduled" as const },
        update: {
          status: decision.action === "cancel" ? ("canceled" as const) : ("skipped" as const),
          reason: "reason" in decision ? decision.reason : null,
          locked_until: null,
          ...(decision.excluded_items ? { excluded_items: jsonColumn(decision.excluded_items) } : {}),
        },
      }))
      updateReviewRequestsStep(update).config({ name: "end-review-request-unsent" })
    })

    when({ decision }, ({ decision }) => decision.action === "wait").then(() => {
      const update = transform({ decision, input }, ({ decision, input }) => ({
        selector: { id: input.review_request_id, status: "scheduled" as const },
        update: {
          send_at: decision.action === "wait" ? new Date(decision.until) : null,
          reason: decision.action === "wait" ? decision.reason : null,
          locked_until: null,
        },
      }))
      updateReviewRequestsStep(update).config({ name: "postpone-review-request" })
    })

    when({ decision }, ({ decision }) => decision.action === "platform").then(() => {
      const deliveries = transform({ decision }, ({ decision }) =>
        decision.action === "platform" ? [decision.delivery] : []
      )
      recordReviewContactStep({ contact: decision.contact }).config({ name: "record-review-request-contact" })
      const enqueued = enqueueDeliveriesStep(deliveries)
      const update = transform({ decision, enqueued, input }, ({ decision, enqueued, input }) => ({
        selector: { id: input.review_request_id, status: "scheduled" as const },
        update: {
          channel: enqueued[0].delivery.platform,
          delivery_id: enqueued[0].delivery.id,
          locked_until: null,
          ...(decision.excluded_items
            ? { excluded_items: jsonColumn(decision.excluded_items), purchases: jsonColumn(decision.purchases) }
            : {}),
        },
      }))
      updateReviewRequestsStep(update).config({ name: "attach-review-request-delivery" })
      const attached = transform({ enqueued }, ({ enqueued }) => ({ delivery_id: enqueued[0].delivery.id }))
      settleAttachedReviewRequestStep(attached)
      const eventData = transform({ enqueued }, ({ enqueued }) => ({ ids: [enqueued[0].delivery.id] }))
      emitEventStep({ eventName: EngagementEvents.DELIVERY_ENQUEUED, data: eventData })
    })

    when({ decision }, ({ decision }) => decision.action === "email").then(() => {
      const notifications = transform({ decision, input }, ({ decision, input }) =>
        decision.action === "email"
          ? [
              {
                ...decision.email,
                trigger_type: "engagement.review_request",
                resource_id: input.review_request_id,
                resource_type: "review_request",
              },
            ]
          : []
      )
      recordReviewContactStep({ contact: decision.contact }).config({ name: "record-review-email-contact" })
      // an email cannot be unsent; the notification's idempotency key keeps it to one per request
      sendNotificationsStep(notifications)
      const update = transform({ decision, input }, ({ decision, input }) => ({
        selector: { id: input.review_request_id, status: "scheduled" as const },
        update: {
          status: "sent" as const,
          channel: "email",
          sent_at: new Date(),
          locked_until: null,
          // a wait for the cap is over
          reason: null,
          next_reminder_at: decision.next_reminder_at ? new Date(decision.next_reminder_at) : null,
          ...(decision.excluded_items ? { excluded_items: jsonColumn(decision.excluded_items) } : {}),
        },
      }))
      updateReviewRequestsStep(update).config({ name: "mark-review-request-emailed" })
    })

    return new WorkflowResponse(decision)
  }
)
