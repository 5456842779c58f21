import { generateEntityId } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { subjectHashOf } from "../../../modules/engagement/privacy/erased-customers"
import type { ErasureContact } from "../../../provider-api/capabilities"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import { EnqueueDeliveryInput } from "../../../provider-api/types"

export const prepareErasureStepId = "prepare-erasure"

export interface ErasurePlan {
  erasure_id: string
  /** whether the plugin holds a contact profile of the shopper (false: erased before, no stop call is sent again) */
  held: boolean
  customer_id: string
  subject_hash: string
  email: string | null
  identifiers: string[]
  personal_values: string[]
  stop_calls: EnqueueDeliveryInput[]
  platforms: Record<string, { name: string; stop_calls: string[]; still_held: string[] }>
}

export { subjectHashOf }

/**
 * Reads what an erasure needs before anything is erased (writes nothing): the shopper's personal
 * values, and for each platform that can be told to stop processing them its stop calls and what
 * it still holds. The platforms' copies are read from the contact syncs (their ids and sealed credentials).
 */
export const prepareErasureStep = createStep(
  prepareErasureStepId,
  async (input: { customer_id: string }, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const [[profile], syncs] = await Promise.all([
      engagement.listContactProfiles({ customer_id: input.customer_id }),
      engagement.listContactSyncs({ customer_id: input.customer_id }),
    ])
    const erasureId = generateEntityId(undefined, "engera")
    const held = (value: unknown): value is string => typeof value === "string" && value.trim().length > 0
    const identifiers = [profile?.email, profile?.phone].filter(held)
    const personalValues = [
      profile?.email,
      profile?.phone,
      profile?.first_name,
      profile?.last_name,
      profile?.crm_id,
    ].filter(held)
    const platforms: ErasurePlan["platforms"] = {}
    const stopCalls: EnqueueDeliveryInput[] = []
    for (const { id, name, capability } of engagement.providersWith("erasure")) {
      const sync = syncs.find((row) => row.platform === id)
      const externalId =
        sync?.external_id ?? (profile?.external_ids as Record<string, string> | undefined)?.[id] ?? null
      const contact: ErasureContact = {
        erasure_id: erasureId,
        customer_id: input.customer_id,
        email: profile?.email ?? null,
        phone: profile?.phone ?? null,
        crm_id: profile?.crm_id ?? null,
        external_id: externalId,
        credentials: sync?.credentials ?? null,
      }
      // a shopper the plugin holds nothing of (erased before) is not sent again
      const calls = profile
        ? capability.buildStopCalls(contact).map((call) => ({ ...call, origin: "erasure" as const }))
        : []
      stopCalls.push(...calls)
      platforms[id] = {
        name,
        stop_calls: calls.map((call) => call.operation),
        still_held: capability.stillHeld(contact),
      }
    }
    const plan: ErasurePlan = {
      erasure_id: erasureId,
      held: !!profile,
      customer_id: input.customer_id,
      subject_hash: subjectHashOf(input.customer_id),
      email: profile?.email ?? null,
      identifiers,
      personal_values: personalValues,
      stop_calls: stopCalls,
      platforms,
    }
    return new StepResponse(plan)
  }
)
