import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const updateShopperCustomerStepId = "update-shopper-customer"

export type ShopperCustomerUpdate = { first_name?: string; last_name?: string; phone?: string }
type Undo = { id: string; previous: Record<string, string | null> } | null

/**
 * Sets the names and phone a shopper changed on their Medusa customer. It saves exactly the fields
 * it changes, and its compensation puts back those and only those (core's update-customers step
 * restores fields it never read, and so empties them).
 */
export const updateShopperCustomerStep = createStep(
  updateShopperCustomerStepId,
  async (input: { customer_id: string; update: ShopperCustomerUpdate }, { container }) => {
    const fields = Object.keys(input.update) as (keyof ShopperCustomerUpdate)[]
    if (!fields.length) {
      return new StepResponse(false, null as Undo)
    }
    const customers = container.resolve(Modules.CUSTOMER)
    const before = await customers.retrieveCustomer(input.customer_id, { select: ["id", ...fields] })
    const previous = Object.fromEntries(fields.map((field) => [field, before[field] ?? null]))
    await customers.updateCustomers(input.customer_id, input.update)
    return new StepResponse(true, { id: input.customer_id, previous } as Undo)
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    await container.resolve(Modules.CUSTOMER).updateCustomers(undo.id, undo.previous)
  }
)
