import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import type { LinkAction } from "../../../modules/engagement/consents/link-token"

export const verifyLinkTokenStepId = "verify-link-token"

/** Checks a link's signature, expiry and kind. Reads only. */
export const verifyLinkTokenStep = createStep(
  verifyLinkTokenStepId,
  async (input: { token: string; action: LinkAction }, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    return new StepResponse(engagement.verifyLinkToken(input.token, input.action))
  }
)
