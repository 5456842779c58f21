import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../modules/engagement/types"
import { checkoutConsentId, checkoutConsentsFrom } from "../utils/checkout-consents"
import type { ConsentRecordInput } from "./create-consent-records"

export const planCheckoutConsentsStepId = "plan-checkout-consents"

/**
 * The ledger rows for the choices a shopper made at checkout (the cart's metadata, which Medusa
 * copies onto the order), for an order with a customer. Rows this order has recorded already are
 * left out. Reads only.
 */
export const planCheckoutConsentsStep = createStep(
  planCheckoutConsentsStepId,
  async (input: { order_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const {
      data: [order],
    } = await query.graph({
      entity: "order",
      fields: ["id", "display_id", "customer_id", "metadata"],
      filters: { id: input.order_id },
    })
    // the ledger is per customer: a guest order has nobody to record for
    if (!order?.customer_id) {
      return new StepResponse([] as ConsentRecordInput[])
    }
    const { consents, ignored } = checkoutConsentsFrom(order.metadata, Object.keys(engagement.getOptions().consents.purposes))
    if (ignored.length) {
      container
        .resolve(ContainerRegistrationKeys.LOGGER)
        .warn(`engagement: order ${order.id} checkout consents left out: ${ignored.map((entry) => `${entry.purpose} (${entry.reason})`).join("; ")}`)
    }
    const rows: ConsentRecordInput[] = consents.map((consent) => ({
      id: checkoutConsentId(order.id, consent.purpose),
      customer_id: order.customer_id!,
      purpose: consent.purpose,
      value: consent.value,
      source: "checkout",
      actor_type: "customer",
      actor_id: order.customer_id,
      wording: consent.wording,
      info: { order_id: order.id, display_id: order.display_id },
    }))
    const recorded = rows.length ? await engagement.listConsents({ id: rows.map((row) => row.id!) }, { select: ["id"] }) : []
    return new StepResponse(rows.filter((row) => !recorded.some((existing) => existing.id === row.id)))
  }
)
