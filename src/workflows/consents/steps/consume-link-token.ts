import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import type { LinkClaims } from "../../../modules/engagement/consents/link-token"

export const consumeLinkTokenStepId = "consume-link-token"

/**
 * Uses the link once (a replay is a conflict). Compensation gives the link back, so a link
 * whose change failed can be followed again.
 */
export const consumeLinkTokenStep = createStep(
  consumeLinkTokenStepId,
  async (claims: LinkClaims, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    await engagement.consumeLinkToken(claims)
    return new StepResponse(claims, claims.n)
  },
  async (nonce, { container }) => {
    if (!nonce) {
      return
    }
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const uses = await engagement.listLinkUses({ nonce })
    await engagement.deleteLinkUses(uses.map((use) => use.id))
  }
)
