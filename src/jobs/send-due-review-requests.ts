import type { MedusaContainer } from "@medusajs/framework/types"
import type EngagementModuleService from "../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../provider-api/provider"
import { loggableMessage, withLoggableErrors } from "../utils/database-errors"
import { sendReviewRequestWorkflow } from "../workflows/review-requests/workflows/send-review-request"

/**
 * Turns review requests whose send time has come into sends. Each process claims its own rows,
 * and one request that fails does not hold up the others (it is claimed again after its lease).
 */
async function sendDueReviewRequests(container: MedusaContainer) {
  const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  const logger = container.resolve("logger")
  const due = await engagement.claimDueReviewRequests()
  for (const reviewRequest of due) {
    try {
      await sendReviewRequestWorkflow(container).run({ input: { review_request_id: reviewRequest.id } })
    } catch (error) {
      logger.error(`engagement: review request ${reviewRequest.id} could not be sent: ${loggableMessage(error)}`)
    }
  }
}

// not counted as work in flight: a test does not wait for a minute tick (utils/work-in-flight.ts)
export default withLoggableErrors(sendDueReviewRequests, { counted: false })

export const config = {
  name: "engagement-send-due-review-requests",
  schedule: "* * * * *",
}
