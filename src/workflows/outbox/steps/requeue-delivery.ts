import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"

export const requeueDeliveryStepId = "requeue-delivery"

/**
 * Makes a failed, dead or waiting delivery due again now with fresh attempts. A delivered row
 * is refused (replaying it would send the call twice), and so is one being sent right now or one
 * an erasure anonymised.
 */
export const requeueDeliveryStep = createStep(
  requeueDeliveryStepId,
  async (input: { id: string }, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const previous = await engagement.retrieveDelivery(input.id)
    if (previous.status === "dry_run") {
      // a dry run's call was never meant to go out: switching dry-run off does not send it either
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Delivery ${input.id} is a dry run: it was built and stored, never sent, and cannot be retried. Calls made once dry-run is off are sent`
      )
    }
    if (previous.idempotency_key.startsWith("erased:")) {
      // an erasure removed its payload: sending it again would send the platform nothing of use
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Delivery ${input.id} cannot be retried: its shopper was erased and its payload removed`
      )
    }
    if (previous.status === "delivered" || previous.status === "sending" || previous.status === "canceled") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Delivery ${input.id} is ${previous.status}; only failed, dead or pending deliveries can be retried`
      )
    }
    const delivery = await engagement.requeueDelivery(input.id)
    return new StepResponse(delivery, {
      id: previous.id,
      status: previous.status,
      attempts: previous.attempts,
      next_attempt_at: previous.next_attempt_at,
    })
  },
  async (previous, { container }) => {
    if (!previous) {
      return
    }
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    await engagement.restoreDeliveryState(previous)
  }
)
