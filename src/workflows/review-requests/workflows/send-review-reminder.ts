import { sendNotificationsStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { prepareReviewReminderStep } from "../steps/prepare-review-reminder"
import { recordReviewContactStep } from "../steps/record-review-contact"
import { updateReviewRequestsStep } from "../steps/update-review-requests"

export const sendReviewReminderWorkflowId = "send-review-reminder"

/**
 * Sends a due reminder of an emailed review request through Medusa's notifications, the same
 * path as the first email, or stops the reminders with the reason (a followed link, an
 * unsubscribe, …), or lets a shopper at the cap wait. Each ends the lease the reminder job's claim
 * took (the shopper's other requests wait for it).
 */
export const sendReviewReminderWorkflow = createWorkflow(
  sendReviewReminderWorkflowId,
  (input: { review_request_id: string }) => {
    const plan = prepareReviewReminderStep(input)

    when({ plan }, ({ plan }) => plan.action === "none").then(() => {
      // not due any more (changed since the claim): only the lease ends
      const update = transform({ input }, ({ input }) => ({
        selector: { id: input.review_request_id },
        update: { locked_until: null },
      }))
      updateReviewRequestsStep(update).config({ name: "release-review-reminder" })
    })

    when({ plan }, ({ plan }) => plan.action === "stop").then(() => {
      const update = transform({ plan, input }, ({ plan, input }) => ({
        selector: { id: input.review_request_id, status: "sent" as const },
        update: { next_reminder_at: null, reason: plan.action === "stop" ? plan.reason : null, locked_until: null },
      }))
      updateReviewRequestsStep(update).config({ name: "stop-review-reminders" })
    })

    when({ plan }, ({ plan }) => plan.action === "wait").then(() => {
      const update = transform({ plan, input }, ({ plan, input }) => ({
        selector: { id: input.review_request_id, status: "sent" as const },
        update: { next_reminder_at: plan.action === "wait" ? new Date(plan.until) : null, locked_until: null },
      }))
      updateReviewRequestsStep(update).config({ name: "postpone-review-reminder" })
    })

    when({ plan }, ({ plan }) => plan.action === "email").then(() => {
      const contact = transform({ plan }, ({ plan }) => ({ contact: plan.action === "email" ? plan.contact : null }))
      // noted first: two processes racing for one reminder make one row, and the loser sends nothing
      recordReviewContactStep(contact).config({ name: "record-review-reminder-contact" })
      const notifications = transform({ plan, input }, ({ plan, input }) =>
        plan.action === "email"
          ? [
              {
                ...plan.email,
                trigger_type: "engagement.review_reminder",
                resource_id: input.review_request_id,
                resource_type: "review_request",
              },
            ]
          : []
      )
      // an email cannot be unsent; its idempotency key (request and round) keeps it to one
      sendNotificationsStep(notifications)
      const update = transform({ plan, input }, ({ plan, input }) => ({
        selector: { id: input.review_request_id, status: "sent" as const },
        update:
          plan.action === "email"
            ? {
                reminders_sent: plan.round,
                next_reminder_at: plan.next_reminder_at ? new Date(plan.next_reminder_at) : null,
                locked_until: null,
              }
            : { locked_until: null },
      }))
      updateReviewRequestsStep(update).config({ name: "mark-review-reminder-sent" })
    })

    return new WorkflowResponse(plan)
  }
)
