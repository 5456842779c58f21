import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { LinkClaims } from "../../../modules/engagement/consents/link-token"

export const validateLinkCustomerStepId = "validate-link-customer"

/**
 * A link names a customer, but a valid signature does not make one exist: a link for a customer
 * that does not exist (or no longer does) is refused before anything is written. Reads only.
 */
export const validateLinkCustomerStep = createStep(
  validateLinkCustomerStepId,
  async (claims: LinkClaims, { container }) => {
    const [customer] = await container.resolve(Modules.CUSTOMER).listCustomers({ id: claims.c }, { select: ["id"] })
    if (!customer) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, "token: the customer of this link does not exist")
    }
    return new StepResponse(claims)
  }
)
