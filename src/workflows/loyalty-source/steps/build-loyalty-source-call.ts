import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { loyaltySourceErrorAnswer } from "../../../provider-api/loyalty-source"
import type { LoyaltySourceAction } from "../../../provider-api/loyalty-source-writes"
import { AnsweredError } from "../../../utils/answered-error"
import { actionIdentity } from "../utils/plan-call"
import { loyaltySourceWritesOf } from "../utils/source-writes"

export const buildLoyaltySourceCallStepId = "build-loyalty-source-call"

/**
 * The platform's call for the signed-in shopper's write, for their own contact there (found by the
 * customer id). Reads only. A contact not on the platform yet is a 409, a platform that cannot be
 * read for what the call needs a 424 naming it (`AnsweredError`).
 */
export const buildLoyaltySourceCallStep = createStep(
  buildLoyaltySourceCallStepId,
  async (input: { customer_id: string; action: LoyaltySourceAction }, { container }) => {
    const source = loyaltySourceWritesOf(container)
    if (!source?.writes.kinds.includes(input.action.kind)) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `loyalty: the platform that keeps this store's points does not take the ${input.action.kind}`
      )
    }
    try {
      const call = await source.writes.build(input.customer_id, input.action)
      return new StepResponse({
        platform: source.platform,
        name: source.name,
        call,
        identity: actionIdentity(input.action),
      })
    } catch (error) {
      const answer = loyaltySourceErrorAnswer(error)
      throw answer ? new AnsweredError(answer) : error
    }
  }
)
