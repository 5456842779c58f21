import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { PlannedContact } from "../utils/contact-input"

export const upsertContactCustomersStepId = "upsert-contact-customers"

type Previous = { id: string; first_name: string | null; last_name: string | null; phone: string | null }

/**
 * Creates the Medusa customer of a new contact, and copies names and phone onto an existing one.
 * Compensation deletes the customers it created and restores the others.
 */
export const upsertContactCustomersStep = createStep(
  upsertContactCustomersStepId,
  async (planned: PlannedContact[], { container }) => {
    const customers = container.resolve(Modules.CUSTOMER)
    const created: string[] = []
    const previous: Previous[] = []
    const result: PlannedContact[] = []
    for (const contact of planned) {
      const names = {
        ...(contact.data.firstName !== undefined ? { first_name: contact.data.firstName } : {}),
        ...(contact.data.lastName !== undefined ? { last_name: contact.data.lastName } : {}),
        ...(contact.data.phone !== undefined ? { phone: contact.data.phone } : {}),
      }
      if (contact.customer_id) {
        const before = await customers.retrieveCustomer(contact.customer_id)
        previous.push({ id: before.id, first_name: before.first_name, last_name: before.last_name, phone: before.phone })
        if (Object.keys(names).length) {
          await customers.updateCustomers(contact.customer_id, names)
        }
        result.push(contact)
      } else {
        const customer = await customers.createCustomers({ email: contact.data.email!.toLowerCase(), ...names })
        created.push(customer.id)
        result.push({ ...contact, customer_id: customer.id })
      }
    }
    return new StepResponse(result, { created, previous })
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    const customers = container.resolve(Modules.CUSTOMER)
    if (undo.created.length) {
      await customers.deleteCustomers(undo.created)
    }
    for (const { id, ...fields } of undo.previous) {
      await customers.updateCustomers(id, fields)
    }
  }
)
