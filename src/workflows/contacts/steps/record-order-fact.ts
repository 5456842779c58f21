import type { BigNumberInput } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../modules/engagement/types"
import type { OrderFactInput } from "../../../modules/engagement/statistics/queries"

export const recordOrderFactStepId = "record-order-fact"

// a return counts once its goods are back
const RECEIVED_RETURN_STATUSES = ["received", "partially_received"]

interface StatisticsOrder {
  id: string
  customer_id?: string | null
  currency_code: string
  total: BigNumberInput
  created_at: Date | string
  status: string
  canceled_at?: Date | string | null
  items?: { quantity: BigNumberInput }[] | null
  returns?: { status: string }[] | null
}

type Undo = { order_id: string; previous: OrderFactInput | null }

/**
 * Writes the order's statistics fact from the order as it is now (placed, canceled, returns
 * received). Reading the order here keeps its BigNumber total exact. Compensation puts the
 * previous fact back.
 */
export const recordOrderFactStep = createStep(
  recordOrderFactStepId,
  async (input: { order_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "order",
      fields: ["id", "customer_id", "currency_code", "total", "created_at", "status", "canceled_at", "items.*", "returns.status"],
      filters: { id: input.order_id },
    })
    const order = data[0] as StatisticsOrder | undefined
    if (!order?.customer_id) {
      return new StepResponse<OrderFactInput | null, Undo | null>(null, null)
    }
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const [existing] = await engagement.listOrderFacts({ order_id: order.id })
    const previous: OrderFactInput | null = existing
      ? {
          order_id: existing.order_id,
          customer_id: existing.customer_id,
          currency_code: existing.currency_code,
          total: MathBN.convert(existing.total).toString(),
          item_count: existing.item_count,
          placed_at: existing.placed_at,
          canceled_at: existing.canceled_at,
          returned_count: existing.returned_count,
        }
      : null
    const fact: OrderFactInput = {
      order_id: order.id,
      customer_id: order.customer_id,
      currency_code: order.currency_code,
      total: MathBN.convert(order.total).toString(),
      item_count: (order.items ?? []).reduce((sum, item) => sum + MathBN.convert(item.quantity).toNumber(), 0),
      placed_at: order.created_at,
      canceled_at: order.status === "canceled" ? (order.canceled_at ?? new Date()) : null,
      returned_count: (order.returns ?? []).filter((r) => RECEIVED_RETURN_STATUSES.includes(r.status)).length,
    }
    await engagement.recordOrderFact(fact)
    return new StepResponse<OrderFactInput | null, Undo | null>(fact, { order_id: order.id, previous })
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    if (undo.previous) {
      await engagement.recordOrderFact(undo.previous)
    } else {
      const facts = await engagement.listOrderFacts({ order_id: undo.order_id })
      await engagement.deleteOrderFacts(facts.map((fact) => fact.id))
    }
  }
)
