import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../modules/engagement/types"
import { ContactData, ContactMatchBy, ContactMode, matchValue, PlannedContact } from "../utils/contact-input"

export const planContactUpsertStepId = "plan-contact-upsert"

const PROFILE_KEY: Record<ContactMatchBy, "email" | "phone" | "crm_id"> = {
  Email: "email",
  PhoneNumber: "phone",
  CrmId: "crm_id",
}

/**
 * Finds the contact each entry matches and checks the mode: Add refuses an existing contact,
 * Update a missing one, AddOrUpdate takes either. Reads only.
 */
export const planContactUpsertStep = createStep(
  planContactUpsertStepId,
  async (input: { mode: ContactMode; matchBy: ContactMatchBy; data: ContactData[] }, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const customers = container.resolve(Modules.CUSTOMER)
    const planned: PlannedContact[] = []
    for (const [index, data] of input.data.entries()) {
      const value = matchValue(data, input.matchBy)
      if (!value) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `data.${index}: matchBy ${input.matchBy} needs that field`)
      }
      const [profile] = await engagement.listContactProfiles({ [PROFILE_KEY[input.matchBy]]: value })
      let customerId = profile?.customer_id ?? null
      if (!customerId && input.matchBy === "Email") {
        const [customer] = await customers.listCustomers({ email: value })
        customerId = customer?.id ?? null
      }
      const exists = !!profile || !!customerId
      if (input.mode === "Add" && exists) {
        throw new MedusaError(MedusaError.Types.CONFLICT, `data.${index}: a contact with ${input.matchBy} ${value} exists; use Update or AddOrUpdate`)
      }
      if (input.mode === "Update" && !exists) {
        throw new MedusaError(MedusaError.Types.NOT_FOUND, `data.${index}: no contact with ${input.matchBy} ${value}; use Add or AddOrUpdate`)
      }
      if (!customerId && !data.email) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `data.${index}.email: a new contact needs an email`)
      }
      planned.push({ data, profile_id: profile?.id ?? null, customer_id: customerId })
    }
    return new StepResponse(planned)
  }
)
