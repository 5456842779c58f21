import { emitEventStep } from "@medusajs/medusa/core-flows"
import { CustomerWorkflowEvents } from "@medusajs/framework/utils"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { markContactsForSyncStep } from "../steps/mark-contacts-for-sync"
import { resumeErasedContactStep } from "../steps/resume-erased-contact"
import { acquireContactLocksStep } from "../steps/acquire-contact-locks"
import { ensureContactValuesFreeStep } from "../steps/ensure-contact-values-free"
import { releaseContactLocksStep } from "../steps/release-contact-locks"
import { updateShopperCustomerStep } from "../steps/update-shopper-customer"
import { upsertContactProfilesStep } from "../steps/upsert-contact-profiles"
import type { PlannedContact } from "../utils/contact-input"
import { contactLockKeys } from "../utils/contact-lock-keys"

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
 * A shopper changes their own profile: names and phone go to the Medusa customer too (and Medusa's
 * customer.updated event is emitted), so the account page and the profile agree. The contact is
 * locked meanwhile, so concurrent changes (the shopper's, the admin's) apply one after the other;
 * a phone that is another contact's is refused. If the profile cannot be written, the customer's
 * change is undone field by field.
 */
export const updateShopperProfileWorkflow = createWorkflow(
  updateShopperProfileWorkflowId,
  (input: { customer_id: string; profile: ShopperProfileInput }) => {
    const lockKeys = transform({ input }, ({ input }) => ({
      keys: contactLockKeys({ customer_ids: [input.customer_id], phones: [input.profile.phone] }),
    }))
    const locks = acquireContactLocksStep(lockKeys)
    ensureContactValuesFreeStep(
      transform({ input }, ({ input }) => ({ customer_id: input.customer_id, phone: input.profile.phone }))
    )
    const customerUpdate = transform({ input }, ({ input }) => {
      const { first_name, last_name, phone } = input.profile
      const update = Object.fromEntries(
        Object.entries({ first_name, last_name, phone }).filter(([, value]) => value !== undefined)
      )
      return { customer_id: input.customer_id, update }
    })
    const customerChanged = updateShopperCustomerStep(customerUpdate)
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
    // a change of their own makes an erased shopper a contact again
    resumeErasedContactStep(transform({ input }, ({ input }) => ({ customer_id: input.customer_id })))
    const profileIds = upsertContactProfilesStep(planned)
    markContactsForSyncStep(transform({ input }, ({ input }) => ({ customer_ids: [input.customer_id] })))
    when({ customerChanged }, ({ customerChanged }) => customerChanged).then(() => {
      emitEventStep({
        eventName: CustomerWorkflowEvents.UPDATED,
        data: transform({ input }, ({ input }) => ({ id: input.customer_id })),
      })
    })
    releaseContactLocksStep(locks)
    return new WorkflowResponse(transform({ profileIds }, ({ profileIds }) => profileIds[0]))
  }
)
