import { emitEventStep } from "@medusajs/medusa/core-flows"
import { CustomerWorkflowEvents } from "@medusajs/framework/utils"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { markContactsForSyncStep } from "../steps/mark-contacts-for-sync"
import { acquireContactLocksStep } from "../steps/acquire-contact-locks"
import { planContactUpsertStep } from "../steps/plan-contact-upsert"
import { releaseContactLocksStep } from "../steps/release-contact-locks"
import { upsertContactCustomersStep } from "../steps/upsert-contact-customers"
import { upsertContactProfilesStep } from "../steps/upsert-contact-profiles"
import type { ContactData, ContactMatchBy, ContactMode } from "../utils/contact-input"
import { contactLockKeys } from "../utils/contact-lock-keys"

export const upsertContactsWorkflowId = "upsert-contacts"

/**
 * The admin's contact upsert, as a customers API's POST /customers: Add, Update or AddOrUpdate,
 * matched by Email, PhoneNumber or CrmId; it creates or updates the Medusa customer too.
 *
 * The batch is all or nothing. Every email, phone and CRM id of the batch is locked before the
 * contacts are looked up, then the customers matched, so concurrent upserts of one contact run one
 * after the other (20 AddOrUpdate of one new email: one create, then updates). An identifier that
 * would belong to two contacts is refused with a 409. Every contact written is marked for sync, and
 * Medusa's customer.created / customer.updated events are emitted as core's workflows do.
 */
export const upsertContactsWorkflow = createWorkflow(
  upsertContactsWorkflowId,
  (input: { mode: ContactMode; matchBy: ContactMatchBy; data: ContactData[] }) => {
    const valueLocks = acquireContactLocksStep(
      transform({ input }, ({ input }) => ({
        keys: contactLockKeys({
          emails: input.data.map((data) => data.email),
          phones: input.data.map((data) => data.phone),
          crm_ids: input.data.map((data) => data.crmId),
        }),
      }))
    )
    const planned = planContactUpsertStep(input)
    // the customers' own keys too, which the shopper's profile changes hold
    const customerLocks = acquireContactLocksStep(
      transform({ planned }, ({ planned }) => ({
        keys: contactLockKeys({ customer_ids: planned.map((contact) => contact.customer_id) }),
      }))
    ).config({ name: "acquire-contact-locks-of-customers" })
    const withCustomers = upsertContactCustomersStep(planned)
    const profileIds = upsertContactProfilesStep(withCustomers)
    const written = transform({ withCustomers }, ({ withCustomers }) => ({
      customer_ids: withCustomers.map((contact) => contact.customer_id!),
      created: withCustomers
        .filter((contact) => contact.customer_created)
        .map((contact) => ({ id: contact.customer_id! })),
      updated: withCustomers
        .filter((contact) => !contact.customer_created)
        .map((contact) => ({ id: contact.customer_id! })),
    }))
    markContactsForSyncStep(transform({ written }, ({ written }) => ({ customer_ids: written.customer_ids })))
    emitEventStep({
      eventName: CustomerWorkflowEvents.CREATED,
      data: transform({ written }, ({ written }) => written.created),
    }).config({
      name: "emit-customers-created",
    })
    emitEventStep({
      eventName: CustomerWorkflowEvents.UPDATED,
      data: transform({ written }, ({ written }) => written.updated),
    }).config({
      name: "emit-customers-updated",
    })
    releaseContactLocksStep(customerLocks).config({ name: "release-contact-locks-of-customers" })
    releaseContactLocksStep(valueLocks)
    return new WorkflowResponse(profileIds)
  }
)
