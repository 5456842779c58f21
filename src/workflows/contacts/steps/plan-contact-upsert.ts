import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import { ContactClaim, ensureContactValuesFree } from "../utils/contact-conflicts"
import { ContactData, ContactMatchBy, ContactMode, matchValue, PlannedContact } from "../utils/contact-input"

export const planContactUpsertStepId = "plan-contact-upsert"

const PROFILE_KEY: Record<ContactMatchBy, "email" | "phone" | "crm_id"> = {
  Email: "email",
  PhoneNumber: "phone",
  CrmId: "crm_id",
}

/** The request fields a contact's identifiers come from. */
function claimOf(data: ContactData, index: number, customerId: string | null): ContactClaim {
  const values: ContactClaim["values"] = {}
  if (data.email) {
    values.email = { value: data.email.toLowerCase(), field: `data.${index}.email` }
  }
  if (data.phone) {
    values.phone = { value: data.phone, field: `data.${index}.phone` }
  }
  if (data.crmId) {
    values.crm_id = { value: data.crmId, field: `data.${index}.crmId` }
  }
  return { customer_id: customerId, values }
}

/**
 * Finds the contact each entry matches and checks the mode: Add refuses an existing contact,
 * Update a missing one, AddOrUpdate takes either. Then refuses (409) an email, phone or CRM id that
 * would belong to two contacts, so nothing of the batch is written. Reads only; the workflow holds
 * the locks of every identifier in the batch meanwhile.
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
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `data.${index}: matchBy ${input.matchBy} needs that field`
        )
      }
      const [profile] = await engagement.listContactProfiles({ [PROFILE_KEY[input.matchBy]]: value })
      let customerId = profile?.customer_id ?? null
      if (!customerId && input.matchBy === "Email") {
        const [customer] = await customers.listCustomers({ email: value })
        customerId = customer?.id ?? null
      }
      const exists = !!profile || !!customerId
      if (input.mode === "Add" && exists) {
        throw new MedusaError(
          MedusaError.Types.CONFLICT,
          `data.${index}: a contact with this ${input.matchBy} exists; use Update or AddOrUpdate`
        )
      }
      if (input.mode === "Update" && !exists) {
        throw new MedusaError(
          MedusaError.Types.NOT_FOUND,
          `data.${index}: no contact with this ${input.matchBy}; use Add or AddOrUpdate`
        )
      }
      if (!customerId && !data.email) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `data.${index}.email: a new contact needs an email`)
      }
      planned.push({ data, profile_id: profile?.id ?? null, customer_id: customerId })
    }
    await ensureContactValuesFree(
      container,
      planned.map((contact, index) => claimOf(contact.data, index, contact.customer_id))
    )
    return new StepResponse(planned)
  }
)
