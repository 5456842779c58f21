import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import type { ErasureTargets } from "../utils/erased-rows"

export const findErasureScopeStepId = "find-erasure-scope"

/**
 * Which records are the shopper's besides those keyed by their customer id: review requests by
 * their email, every order the module knows of theirs, and checkouts recorded for them. Reads
 * only, before any step writes, so every later step erases the same shopper's records.
 */
export const findErasureScopeStep = createStep(
  findErasureScopeStepId,
  async (input: { customer_id: string; email: string | null }, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const email = input.email?.toLowerCase() ?? null
    const scope = await engagement.findErasureScope(input.customer_id, email)
    const targets: ErasureTargets = { customer_id: input.customer_id, email, ...scope }
    return new StepResponse(targets)
  }
)
