import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../modules/engagement/types"
import type { ConsentRecordInput } from "./create-consent-records"

export const validateConsentPurposesStepId = "validate-consent-purposes"

/** Refuses a purpose the owner has not configured, naming it. */
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
    return new StepResponse(input)
  }
)
