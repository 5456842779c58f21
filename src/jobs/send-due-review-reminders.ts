import type { MedusaContainer } from "@medusajs/framework/types"
import type EngagementModuleService from "../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../provider-api/provider"
import { loggableMessage, withLoggableErrors } from "../utils/database-errors"
import { sendReviewReminderWorkflow } from "../workflows/review-requests/workflows/send-review-reminder"

/**
 * Sends the reminders of emailed review requests whose time has come. A reminder is noted under a
 * unique index before it is sent, so two processes never send one twice; one that fails does not
 * hold up the others.
 */
async function sendDueReviewReminders(container: MedusaContainer) {
  const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  const logger = container.resolve("logger")
  const due = await engagement.listReviewRequests(
    { status: "sent", channel: "email", next_reminder_at: { $lte: new Date() } },
    { select: ["id"], take: 100, order: { next_reminder_at: "ASC" } }
  )
  for (const { id } of due) {
    try {
      await sendReviewReminderWorkflow(container).run({ input: { review_request_id: id } })
    } catch (error) {
      logger.error(`engagement: review reminder of ${id} could not be sent: ${loggableMessage(error)}`)
    }
  }
}

export default withLoggableErrors(sendDueReviewReminders)

export const config = {
  name: "engagement-send-due-review-reminders",
  schedule: "* * * * *",
}
