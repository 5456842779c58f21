import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import { ProfileWritesUndo, undoProfileWrites } from "../utils/undo-profile-writes"
import { identityOf, IDENTITY_FIELDS, CustomerForIdentity } from "../utils/identity"

export const refreshContactIdentitiesStepId = "refresh-contact-identities"

type Undo = ProfileWritesUndo

/**
 * Copies what the Medusa customer says about the person (email, phone, names, language, default
 * address) onto their contact profile, creating the profile when there is none (but for an erased
 * shopper who has not acted since). Only profiles whose
 * values differ are written. Compensation removes created profiles and restores updated ones.
 */
export const refreshContactIdentitiesStep = createStep(
  refreshContactIdentitiesStepId,
  async (input: { customer_ids: string[] }, { container }) => {
    const customerIds = [...new Set(input.customer_ids)]
    if (!customerIds.length) {
      return new StepResponse([] as string[], { created: [], previous: [] } as Undo)
    }
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const { data: customers } = await query.graph({
      entity: "customer",
      fields: ["id", "email", "phone", "first_name", "last_name", "metadata", "addresses.*"],
      filters: { id: customerIds },
    })
    const profiles = await engagement.listContactProfiles({ customer_id: customerIds })
    // an erased shopper's profile is not made again from the Medusa customer until they act themselves
    const erased = new Set((await engagement.listErasedCustomers(customerIds)).map((row) => row.customer_id))
    // the key the review requests read the language from, so both agree
    const languageKey = engagement.getOptions().review_requests.language_metadata_key
    const undo: Undo = { created: [], previous: [] }
    const changed: string[] = []
    for (const customer of customers as unknown as CustomerForIdentity[]) {
      const identity = identityOf(customer, languageKey)
      const profile = profiles.find((candidate) => candidate.customer_id === customer.id)
      if (!profile) {
        if (erased.has(customer.id)) {
          continue
        }
        const created = await engagement.createContactProfiles({ customer_id: customer.id, ...identity })
        undo.created.push(created.id)
        changed.push(customer.id)
        continue
      }
      // a customer without a name (a guest) leaves the profile the name their checkout gave it
      const keepsName = !identity.first_name && !identity.last_name
      const differs = IDENTITY_FIELDS.filter(
        (field) => !(keepsName && (field === "first_name" || field === "last_name"))
      ).filter((field) => JSON.stringify(profile[field] ?? null) !== JSON.stringify(identity[field] ?? null))
      if (differs.length) {
        undo.previous.push({ id: profile.id, ...Object.fromEntries(differs.map((field) => [field, profile[field]])) })
        await engagement.updateContactProfiles({
          id: profile.id,
          ...Object.fromEntries(differs.map((field) => [field, identity[field]])),
        })
        changed.push(customer.id)
      }
    }
    return new StepResponse(changed, undo)
  },
  async (undo, { container }) => {
    await undoProfileWrites(container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE), undo)
  }
)
