import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import type { DeliveryBefore } from "../../../modules/engagement/privacy/erase"
import type { ErasureTargets } from "../utils/erased-rows"

export const eraseDeliveriesStepId = "erase-deliveries"

/**
 * Erases the shopper from the outbox in one transaction (raw SQL: keys built from each row's own
 * id and a search through the rows' JSON, see `eraseDeliveries`): waiting rows canceled, their
 * rows redacted and re-keyed `erased:<row id>`, finished batches scrubbed of their values.
 * Compensation puts back every field it changed on those rows (`putBackErasedDeliveries`: the generated
 * update would merge the redaction into the payload instead of replacing it).
 */
export const eraseDeliveriesStep = createStep(
  eraseDeliveriesStepId,
  async (input: { targets: ErasureTargets; identifiers: string[]; personal_values: string[] }, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const { kinds, before } = await engagement.eraseDeliveries({
      customer_id: input.targets.customer_id,
      order_ids: input.targets.order_ids,
      review_request_ids: input.targets.review_request_ids,
      identifiers: input.identifiers,
      personal_values: input.personal_values,
    })
    return new StepResponse(kinds, before)
  },
  async (before: DeliveryBefore[] | undefined, { container }) => {
    if (!before?.length) {
      return
    }
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    await engagement.putBackErasedDeliveries(before)
  }
)
