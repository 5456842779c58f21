import type { MedusaContainer } from "@medusajs/framework/types"
import type EngagementModuleService from "../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../provider-api/provider"
import { loggableMessage, withLoggableErrors } from "../utils/database-errors"
import { sendReviewReminderWorkflow } from "../workflows/review-requests/workflows/send-review-reminder"

/**
 * Sends the reminders of emailed review requests whose time has come. Each process claims its own
 * requests, none of a shopper another process is sending to (so the cap is read by one at a time);
 * a reminder is noted under a unique index before it is sent, so two processes never send one
 * twice; one that fails does not hold up the others (it is claimed again after its lease).
 */
async function sendDueReviewReminders(container: MedusaContainer) {
  const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  const logger = container.resolve("logger")
  // held for this process, in the turns the sends take: no other process emails these shoppers meanwhile
  const due = await engagement.claimDueReviewRequests({ reminders: true })
  for (const { id } of due) {
    try {
      await sendReviewReminderWorkflow(container).run({ input: { review_request_id: id } })
    } catch (error) {
      logger.error(`engagement: review reminder of ${id} could not be sent: ${loggableMessage(error)}`)
    }
  }
}

// not counted as work in flight: a test does not wait for a minute tick (utils/work-in-flight.ts)
export default withLoggableErrors(sendDueReviewReminders, { counted: false })

export const config = {
  name: "engagement-send-due-review-reminders",
  schedule: "* * * * *",
}
