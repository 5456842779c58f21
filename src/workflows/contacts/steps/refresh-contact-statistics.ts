import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { CONTACT_STATISTIC_FIELDS } from "../../../modules/engagement/statistics/compute"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"

export const refreshContactStatisticsStepId = "refresh-contact-statistics"

type Undo = { id: string; previous: Record<string, unknown> | null; created: boolean }

/**
 * Recomputes customers' purchase statistics from their order facts onto their contact profiles,
 * creating a profile from the customer when there is none. Compensation restores the previous
 * statistics (or removes the profiles it created).
 */
export const refreshContactStatisticsStep = createStep(
  refreshContactStatisticsStepId,
  async (input: { customer_ids: string[] }, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const customerIds = [...new Set(input.customer_ids)]
    const existing = customerIds.length ? await engagement.listContactProfiles({ customer_id: customerIds }) : []
    const undo: Undo[] = []
    const profileIds: string[] = []
    for (const customerId of customerIds) {
      const statistics = await engagement.computeContactStatistics(customerId)
      let profile = existing.find((candidate) => candidate.customer_id === customerId)
      if (!profile) {
        const customer = await container.resolve(Modules.CUSTOMER).retrieveCustomer(customerId)
        try {
          const created = await engagement.createContactProfiles({
            customer_id: customer.id,
            email: customer.email,
            phone: customer.phone?.replace(/\s+/g, "") || null,
            first_name: customer.first_name,
            last_name: customer.last_name,
            ...statistics,
          })
          undo.push({ id: created.id, previous: null, created: true })
          profileIds.push(created.id)
          continue
        } catch (error) {
          // another subscriber (a customer change) made the profile meanwhile: one per customer, the
          // unique index decided; the statistics go onto that one
          profile = (await engagement.listContactProfiles({ customer_id: customerId }))[0]
          if (!profile) {
            throw error
          }
        }
      }
      const previous = Object.fromEntries(CONTACT_STATISTIC_FIELDS.map((field) => [field, profile[field]]))
      undo.push({ id: profile.id, previous, created: false })
      await engagement.updateContactProfiles({ id: profile.id, ...statistics })
      profileIds.push(profile.id)
    }
    return new StepResponse(profileIds, undo)
  },
  async (undo, { container }) => {
    if (!undo?.length) {
      return
    }
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const created = undo.filter((entry) => entry.created).map((entry) => entry.id)
    if (created.length) {
      await engagement.deleteContactProfiles(created)
    }
    for (const entry of undo.filter((candidate) => !candidate.created && candidate.previous)) {
      await engagement.updateContactProfiles({ id: entry.id, ...entry.previous })
    }
  }
)
