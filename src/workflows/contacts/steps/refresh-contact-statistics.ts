import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../modules/engagement/types"

export const refreshContactStatisticsStepId = "refresh-contact-statistics"

const STAT_FIELDS = [
  "total_spent",
  "order_count",
  "return_count",
  "average_order_value",
  "average_price_point",
  "first_order_at",
  "last_order_at",
  "average_days_between_orders",
  "currency_code",
  "rfm_segment",
] as const

type Undo = { id: string; previous: Record<string, unknown> | null; created: boolean }
type Result = { id: string; customer_id: string } | null

/**
 * Recomputes a customer's purchase statistics from their order facts onto their contact profile,
 * creating the profile from the customer when there is none. Compensation restores the previous
 * statistics (or removes a profile it created).
 */
export const refreshContactStatisticsStep = createStep(
  refreshContactStatisticsStepId,
  async (input: { customer_id: string | null }, { container }) => {
    if (!input.customer_id) {
      return new StepResponse<Result, Undo | null>(null, null)
    }
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const statistics = await engagement.computeContactStatistics(input.customer_id)
    const [existing] = await engagement.listContactProfiles({ customer_id: input.customer_id })
    if (existing) {
      const previous = Object.fromEntries(STAT_FIELDS.map((field) => [field, existing[field]]))
      await engagement.updateContactProfiles({ id: existing.id, ...statistics })
      return new StepResponse<Result, Undo | null>(
        { id: existing.id, customer_id: existing.customer_id },
        { id: existing.id, previous, created: false }
      )
    }
    const customer = await container.resolve(Modules.CUSTOMER).retrieveCustomer(input.customer_id)
    const created = await engagement.createContactProfiles({
      customer_id: customer.id,
      email: customer.email,
      phone: customer.phone?.replace(/\s+/g, "") || null,
      first_name: customer.first_name,
      last_name: customer.last_name,
      ...statistics,
    })
    return new StepResponse<Result, Undo | null>(
      { id: created.id, customer_id: created.customer_id },
      { id: created.id, previous: null, created: true }
    )
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    if (undo.created) {
      await engagement.deleteContactProfiles(undo.id)
    } else if (undo.previous) {
      await engagement.updateContactProfiles({ id: undo.id, ...undo.previous })
    }
  }
)
