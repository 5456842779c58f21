import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import { REVIEW_ORDER_FIELDS, ReviewOrder } from "../utils/order-fields"
import { planReviewRequest } from "../utils/plan-review-request"
import { readOrder, SharedOrderReadInput } from "../../../utils/shared-order-read"

export const planReviewRequestStepId = "plan-review-request"

/**
 * Decides when the order's shopper is asked for a review, or why not. Reads only. The order is
 * read here rather than handed in: amounts and quantities are BigNumbers, which do not survive
 * the serialisation between steps.
 */
export const planReviewRequestStep = createStep(
  planReviewRequestStepId,
  async (input: { order_id: string } & SharedOrderReadInput, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const order = await readOrder(container, input.order_id, REVIEW_ORDER_FIELDS, input.shared_read)
    if (!order) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order with id: ${input.order_id} was not found`)
    }
    const consents = order.customer_id ? await engagement.getCurrentConsents(order.customer_id) : []
    return new StepResponse(
      planReviewRequest({
        order: order as ReviewOrder,
        options: (await engagement.effectiveOptions()).review_requests,
        consents,
        reviewPlatform: engagement.providersWith("review_requests")[0]?.capability,
      })
    )
  }
)
