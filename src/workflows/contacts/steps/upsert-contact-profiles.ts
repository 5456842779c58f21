import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import { ProfileWritesUndo, undoProfileWrites } from "../utils/undo-profile-writes"
import { PlannedContact, profileFields } from "../utils/contact-input"

export const upsertContactProfilesStepId = "upsert-contact-profiles"

/**
 * Writes each contact's profile, saving exactly the fields it changes; compensation removes created
 * profiles and restores updated ones. A failure part-way undoes the entries already written.
 */
export const upsertContactProfilesStep = createStep(
  upsertContactProfilesStepId,
  async (planned: PlannedContact[], { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const customers = container.resolve(Modules.CUSTOMER)
    const ids: string[] = []
    const undo: ProfileWritesUndo = { created: [], previous: [] }
    try {
      for (const contact of planned) {
        const [profile] = contact.profile_id
          ? await engagement.listContactProfiles({ id: contact.profile_id })
          : await engagement.listContactProfiles({ customer_id: contact.customer_id! })
        if (profile) {
          const fields = profileFields(contact.data, profile.custom_attributes as Record<string, string>)
          undo.previous.push({
            id: profile.id,
            ...Object.fromEntries(Object.keys(fields).map((key) => [key, profile[key as keyof typeof profile]])),
          })
          await engagement.updateContactProfiles({ id: profile.id, ...fields })
          ids.push(profile.id)
        } else {
          const customer = await customers.retrieveCustomer(contact.customer_id!)
          const made = await engagement.createContactProfiles({
            customer_id: customer.id,
            email: customer.email,
            phone: customer.phone?.replace(/\s+/g, "") || null,
            first_name: customer.first_name,
            last_name: customer.last_name,
            ...profileFields(contact.data),
          })
          undo.created.push(made.id)
          ids.push(made.id)
        }
      }
    } catch (error) {
      await undoProfileWrites(engagement, undo)
      throw error
    }
    return new StepResponse(ids, undo)
  },
  async (undo, { container }) => {
    await undoProfileWrites(container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE), undo)
  }
)
