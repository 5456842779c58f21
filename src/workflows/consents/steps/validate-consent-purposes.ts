import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import type { ConsentRecordInput } from "./create-consent-records"

export const validateConsentPurposesStepId = "validate-consent-purposes"

/** Refuses a purpose the owner has not configured, and one purpose given twice for a customer, naming it. */
export const validateConsentPurposesStep = createStep(
  validateConsentPurposesStepId,
  async (input: ConsentRecordInput[], { container }) => {
    const purposes = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE).getOptions().consents.purposes
    const unknown = input.filter((entry) => !purposes[entry.purpose]).map((entry) => entry.purpose)
    if (unknown.length) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `purpose: unknown consent purpose ${unknown.join(", ")}; configured: ${Object.keys(purposes).join(", ")}`
      )
    }
    const seen = new Set<string>()
    for (const entry of input) {
      const key = `${entry.customer_id}:${entry.purpose}`
      if (seen.has(key)) {
        // which of two choices for one purpose would stand is not for the ledger to guess
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `purpose: ${entry.purpose} is given more than once`)
      }
      seen.add(key)
    }
    return new StepResponse(input)
  }
)
