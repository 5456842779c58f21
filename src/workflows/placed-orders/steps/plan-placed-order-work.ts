import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../modules/loyalty/types"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import { CHECKOUT_CONSENT_ORDER_FIELDS } from "../../consents/steps/plan-checkout-consents"
import { NAMING_ORDER_FIELDS } from "../../contacts/steps/name-contacts-from-orders"
import { STATISTICS_ORDER_FIELDS } from "../../contacts/steps/record-order-facts"
import { conversionOrderFields } from "../../conversions/steps/build-cart-conversion"
import { REFERRAL_ORDER_FIELDS } from "../../loyalty/steps/award-referral-points"
import { EARNING_ORDER_FIELDS } from "../../loyalty/steps/build-order-earnings"
import { REDEMPTION_ORDER_FIELDS } from "../../loyalty/utils/order-redemption"
import { REVIEW_ORDER_FIELDS } from "../../review-requests/utils/order-fields"
import { shareOrderRead } from "../../../utils/shared-order-read"
import { loggableMessage } from "../../../utils/database-errors"

export const planPlacedOrderWorkStepId = "plan-placed-order-work"

/** Which of the plugin's parts of a placed order's work are switched on (statistics and checkout consents always are). */
export interface PlacedOrderWork {
  order_id: string
  review_request: boolean
  cart_conversion: boolean
  /** the local ledger keeps the points; a platform that keeps them (`loyalty.source`) awards them itself */
  loyalty_points: boolean
  /** the token of the order's one read the parts share (utils/shared-order-read.ts), or null */
  shared_read: string | null
}

/**
 * Reads the switches once for the whole order's work, as each subscriber used to read its own, and
 * the order once with every field the parts that run read. A failed read is not the run's
 * failure: each part then reads the order itself, and fails or not on its own.
 */
export const planPlacedOrderWorkStep = createStep(
  planPlacedOrderWorkStepId,
  async (input: { order_id: string }, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    const options = await engagement.effectiveOptions()
    const conversionFields = conversionOrderFields(engagement)
    const work: PlacedOrderWork = {
      order_id: input.order_id,
      review_request: options.review_requests.enabled,
      cart_conversion:
        engagement.providersWith("cart_conversions").length > 0 && engagement.getOptions().conversions.enabled,
      loyalty_points: loyalty.options.source === "local",
      shared_read: null,
    }
    const loyaltyFields = work.loyalty_points
      ? [
          ...REDEMPTION_ORDER_FIELDS,
          ...((await loyalty.effectiveOptions()).enabled ? [...EARNING_ORDER_FIELDS, ...REFERRAL_ORDER_FIELDS] : []),
        ]
      : []
    const fields = [
      ...loyaltyFields,
      ...STATISTICS_ORDER_FIELDS,
      ...NAMING_ORDER_FIELDS,
      ...CHECKOUT_CONSENT_ORDER_FIELDS,
      ...(work.review_request ? REVIEW_ORDER_FIELDS : []),
      ...(work.cart_conversion ? conversionFields : []),
    ]
    try {
      work.shared_read = await shareOrderRead(container, input.order_id, fields)
    } catch (error) {
      container
        .resolve(ContainerRegistrationKeys.LOGGER)
        .warn(
          `engagement: order ${input.order_id} read once for its parts failed, each reads it: ${loggableMessage(error)}`
        )
    }
    return new StepResponse(work)
  }
)
