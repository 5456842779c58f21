import { updateCustomersWorkflow } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { upsertContactProfilesStep } from "../steps/upsert-contact-profiles"
import type { PlannedContact } from "../utils/contact-input"

export const updateShopperProfileWorkflowId = "update-shopper-profile"

/** What a shopper may change of their own profile (the store route's body). */
export interface ShopperProfileInput {
  first_name?: string
  last_name?: string
  /** without spaces */
  phone?: string
  /** YYYY-MM-DD */
  date_of_birth?: string
  gender?: "Male" | "Female" | "NotSpecified"
  custom_attributes?: Record<string, string>
}

/**
 * A shopper changes their own profile: names and phone go to the Medusa customer too, through
 * Medusa's own update (its event and hooks included), so the account page and the profile agree.
 * If the profile cannot be written, the customer's change is undone.
 */
export const updateShopperProfileWorkflow = createWorkflow(
  updateShopperProfileWorkflowId,
  (input: { customer_id: string; profile: ShopperProfileInput }) => {
    const customerUpdate = transform({ input }, ({ input }) => {
      const { first_name, last_name, phone } = input.profile
      const update = Object.fromEntries(
        Object.entries({ first_name, last_name, phone }).filter(([, value]) => value !== undefined)
      )
      return { selector: { id: input.customer_id }, update }
    })
    when({ customerUpdate }, ({ customerUpdate }) => Object.keys(customerUpdate.update).length > 0).then(() => {
      updateCustomersWorkflow.runAsStep({ input: customerUpdate })
    })
    const planned = transform({ input }, ({ input }): PlannedContact[] => {
      const { first_name, last_name, phone, date_of_birth, gender, custom_attributes } = input.profile
      return [
        {
          customer_id: input.customer_id,
          profile_id: null,
          data: {
            firstName: first_name,
            lastName: last_name,
            phone,
            dateOfBirth: date_of_birth,
            gender,
            customAttributes: custom_attributes
              ? Object.entries(custom_attributes).map(([name, value]) => ({ name, value }))
              : undefined,
          },
        },
      ]
    })
    const profileIds = upsertContactProfilesStep(planned)
    return new WorkflowResponse(transform({ profileIds }, ({ profileIds }) => profileIds[0]))
  }
)
