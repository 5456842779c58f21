import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const validateLoyaltyCustomerStepId = "validate-loyalty-customer"

/** The customer must exist before an admin changes their points (404 otherwise, nothing written). */
export const validateLoyaltyCustomerStep = createStep(
  validateLoyaltyCustomerStepId,
  async (input: { customer_id: string }, { container }) => {
    const [customer] = await container
      .resolve(Modules.CUSTOMER)
      .listCustomers({ id: input.customer_id }, { select: ["id"] })
    if (!customer) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `No customer with id ${input.customer_id}`)
    }
    return new StepResponse(customer.id)
  }
)
