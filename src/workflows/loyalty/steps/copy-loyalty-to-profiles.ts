import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../modules/loyalty/types"

export const copyLoyaltyToProfilesStepId = "copy-loyalty-to-profiles"

type ProfileLoyalty = { tier: string | null; balance: number; lifetime_points: number }
type Undo = { id: string; loyalty: ProfileLoyalty | null }[]

/**
 * Copies each customer's tier name, balance and lifetime points onto their contact profile, which
 * is what the platforms are sent (customers without a profile yet get theirs with their first
 * order). Returns the customers whose figures changed; compensation puts the previous figures back.
 */
export const copyLoyaltyToProfilesStep = createStep(
  copyLoyaltyToProfilesStepId,
  async (input: { customer_ids: string[] }, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    const profiles = input.customer_ids.length
      ? await engagement.listContactProfiles(
          { customer_id: [...new Set(input.customer_ids)] },
          { select: ["id", "customer_id", "loyalty"] }
        )
      : []
    const undo: Undo = []
    const changed: string[] = []
    for (const profile of profiles) {
      const summary = await loyalty.getLoyaltySummary(profile.customer_id)
      const next: ProfileLoyalty = {
        tier: summary.tier?.name ?? null,
        balance: summary.balance,
        lifetime_points: summary.lifetime_points,
      }
      const before = (profile.loyalty ?? null) as ProfileLoyalty | null
      if (
        before &&
        before.tier === next.tier &&
        before.balance === next.balance &&
        before.lifetime_points === next.lifetime_points
      ) {
        continue
      }
      undo.push({ id: profile.id, loyalty: before })
      await engagement.updateContactProfiles({ id: profile.id, loyalty: next })
      changed.push(profile.customer_id)
    }
    return new StepResponse({ customer_ids: changed }, undo)
  },
  async (undo, { container }) => {
    if (!undo?.length) {
      return
    }
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    await engagement.updateContactProfiles(undo.map((row) => ({ id: row.id, loyalty: row.loyalty })))
  }
)
