import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { ContactData, ContactMatchBy, ContactMode } from "../utils/contact-input"
import { planContactUpsertStep } from "../steps/plan-contact-upsert"
import { upsertContactCustomersStep } from "../steps/upsert-contact-customers"
import { upsertContactProfilesStep } from "../steps/upsert-contact-profiles"

export const upsertContactsWorkflowId = "upsert-contacts"

/**
 * The admin's contact upsert, as ExpertSender's POST /customers: Add, Update or AddOrUpdate,
 * matched by Email, PhoneNumber or CrmId; it creates or updates the Medusa customer too.
 */
export const upsertContactsWorkflow = createWorkflow(
  upsertContactsWorkflowId,
  (input: { mode: ContactMode; matchBy: ContactMatchBy; data: ContactData[] }) => {
    const planned = planContactUpsertStep(input)
    const withCustomers = upsertContactCustomersStep(planned)
    return new WorkflowResponse(upsertContactProfilesStep(withCustomers))
  }
)
