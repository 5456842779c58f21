import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"

export const claimReviewRequestNowStepId = "claim-review-request-now"

/**
 * Makes a scheduled request due now and holds it for this send, in the turns the jobs' claims
 * take: the due-requests job does not send it at the same moment, and no process sends to its
 * shopper while it is sent (the cap and the repeat rule are read by one at a time). A request whose
 * shopper another process is emailing or asking right now is a 409: try again in a moment.
 * Compensation puts back its send time and lease.
 */
export const claimReviewRequestNowStep = createStep(
  claimReviewRequestNowStepId,
  async (input: { id: string }, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const [before] = await engagement.listReviewRequests(
      { id: input.id },
      { select: ["id", "send_at", "locked_until"] }
    )
    const { claimed, held } = await engagement.claimReviewRequestNow(input.id)
    if (held) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `Review request ${input.id} cannot be sent now: another review email to its shopper is being sent; try again in a minute`
      )
    }
    if (!claimed) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Review request ${input.id} is no longer scheduled; only a scheduled request can be sent now`
      )
    }
    return new StepResponse(claimed, { id: input.id, send_at: before.send_at, locked_until: before.locked_until })
  },
  async (previous, { container }) => {
    if (!previous) {
      return
    }
    await container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE).updateReviewRequests({
      id: previous.id,
      send_at: previous.send_at ? new Date(previous.send_at) : null,
      locked_until: previous.locked_until ? new Date(previous.locked_until) : null,
    })
  }
)
