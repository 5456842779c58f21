import { Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { PlannedContact } from "../utils/contact-input"

export const upsertContactCustomersStepId = "upsert-contact-customers"

type CustomerFields = {
  email?: string | null
  first_name?: string | null
  last_name?: string | null
  phone?: string | null
}
interface Undo {
  created: string[]
  /** per updated customer, the fields it changed, as they were */
  previous: ({ id: string } & CustomerFields)[]
}

async function undoCustomerWrites(container: MedusaContainer, undo: Undo | undefined) {
  if (!undo) {
    return
  }
  const customers = container.resolve(Modules.CUSTOMER)
  if (undo.created.length) {
    await customers.deleteCustomers(undo.created)
  }
  // in reverse: a customer updated twice in one batch gets its first values back
  for (const { id, ...fields } of [...undo.previous].reverse()) {
    await customers.updateCustomers(id, fields)
  }
}

/**
 * Creates the Medusa customer of a new contact, and copies email, names and phone onto an existing
 * one (the profile follows the customer, so they must agree).
 * It saves exactly the fields it changes; compensation deletes the customers it created and puts
 * those fields back. A failure part-way undoes the entries already written before it throws, so a
 * batch is all or nothing.
 */
export const upsertContactCustomersStep = createStep(
  upsertContactCustomersStepId,
  async (planned: PlannedContact[], { container }) => {
    const customers = container.resolve(Modules.CUSTOMER)
    const undo: Undo = { created: [], previous: [] }
    const result: (PlannedContact & { customer_created: boolean })[] = []
    try {
      for (const contact of planned) {
        const fields: CustomerFields = {
          // the planning refused an email another contact has, so the customer can take it
          ...(contact.customer_id && contact.data.email !== undefined
            ? { email: contact.data.email.toLowerCase() }
            : {}),
          ...(contact.data.firstName !== undefined ? { first_name: contact.data.firstName } : {}),
          ...(contact.data.lastName !== undefined ? { last_name: contact.data.lastName } : {}),
          ...(contact.data.phone !== undefined ? { phone: contact.data.phone } : {}),
        }
        const touched = Object.keys(fields) as (keyof CustomerFields)[]
        if (contact.customer_id) {
          if (touched.length) {
            const before = await customers.retrieveCustomer(contact.customer_id, { select: ["id", ...touched] })
            undo.previous.push({
              id: before.id,
              ...Object.fromEntries(touched.map((field) => [field, before[field] ?? null])),
            })
            await customers.updateCustomers(contact.customer_id, fields)
          }
          result.push({ ...contact, customer_created: false })
        } else {
          const customer = await customers.createCustomers({ email: contact.data.email!.toLowerCase(), ...fields })
          undo.created.push(customer.id)
          result.push({ ...contact, customer_id: customer.id, customer_created: true })
        }
      }
    } catch (error) {
      await undoCustomerWrites(container, undo)
      throw error
    }
    return new StepResponse(result, undo)
  },
  async (undo, { container }) => {
    await undoCustomerWrites(container, undo)
  }
)
