import type { BigNumberInput } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import type { OrderFactInput } from "../../../modules/engagement/statistics/queries"
import { ORDER_ITEM_BASE_FIELDS } from "../../../utils/order-item-fields"
import { readOrders, SharedOrderReadInput } from "../../../utils/shared-order-read"

export const recordOrderFactsStepId = "record-order-facts"

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
  items?:
    | {
        quantity: BigNumberInput
        detail?: {
          return_received_quantity?: BigNumberInput | null
          return_dismissed_quantity?: BigNumberInput | null
        } | null
      }[]
    | null
  returns?: { status: string }[] | null
}

/**
 * Items the customer kept: Medusa's order total leaves out items whose return was received
 * (damaged ones too), so the count does as well, and the average price point stays total / items.
 */
function keptItemCount(order: StatisticsOrder): number {
  return (order.items ?? []).reduce((sum, item) => {
    const back = MathBN.add(item.detail?.return_received_quantity ?? 0, item.detail?.return_dismissed_quantity ?? 0)
    return sum + MathBN.sub(item.quantity, back).toNumber()
  }, 0)
}

type Undo = { order_id: string; previous: OrderFactInput | null }

/** What an order's statistics fact reads of it. */
export const STATISTICS_ORDER_FIELDS = [
  "id",
  "customer_id",
  "currency_code",
  "total",
  "created_at",
  "status",
  "canceled_at",
  ...ORDER_ITEM_BASE_FIELDS,
  "items.quantity",
  "items.detail.return_received_quantity",
  "items.detail.return_dismissed_quantity",
  "returns.status",
]

/**
 * Writes each order's statistics fact from the order as it is now (placed, canceled, returns
 * received). Reading the orders here keeps their BigNumber totals exact. Compensation puts the
 * previous facts back.
 */
export const recordOrderFactsStep = createStep(
  recordOrderFactsStepId,
  async (input: { order_ids: string[] } & SharedOrderReadInput, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const data = input.order_ids.length
      ? await readOrders(container, input.order_ids, STATISTICS_ORDER_FIELDS, input.shared_read)
      : []
    // guest orders without a customer have no profile to keep statistics on; an erased shopper's
    // orders from before their erasure are not rebuilt (an order placed since is theirs again)
    const withCustomer = (data as StatisticsOrder[]).filter((order) => !!order.customer_id)
    const erasedAt = new Map(
      (await engagement.listErasedCustomers(withCustomer.map((order) => order.customer_id!))).map((row) => [
        row.customer_id,
        row.erased_at,
      ])
    )
    const orders = withCustomer.filter((order) => {
      if (!erasedAt.has(order.customer_id!)) {
        return true
      }
      const at = erasedAt.get(order.customer_id!)
      return !!at && new Date(order.created_at) > at
    })
    const existing = orders.length ? await engagement.listOrderFacts({ order_id: orders.map((order) => order.id) }) : []
    const undo: Undo[] = []
    const facts: OrderFactInput[] = []
    for (const order of orders) {
      const before = existing.find((fact) => fact.order_id === order.id)
      undo.push({
        order_id: order.id,
        previous: before
          ? {
              order_id: before.order_id,
              customer_id: before.customer_id,
              currency_code: before.currency_code,
              total: MathBN.convert(before.total).toString(),
              item_count: before.item_count,
              placed_at: before.placed_at,
              canceled_at: before.canceled_at,
              returned_count: before.returned_count,
            }
          : null,
      })
      const fact: OrderFactInput = {
        order_id: order.id,
        customer_id: order.customer_id!,
        currency_code: order.currency_code,
        total: MathBN.convert(order.total).toString(),
        item_count: keptItemCount(order),
        placed_at: order.created_at,
        canceled_at: order.status === "canceled" ? (order.canceled_at ?? new Date()) : null,
        returned_count: (order.returns ?? []).filter((r) => RECEIVED_RETURN_STATUSES.includes(r.status)).length,
      }
      await engagement.recordOrderFact(fact)
      facts.push(fact)
    }
    return new StepResponse(facts, undo)
  },
  async (undo, { container }) => {
    if (!undo?.length) {
      return
    }
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    for (const { order_id, previous } of undo) {
      if (previous) {
        await engagement.recordOrderFact(previous)
      } else {
        // the fact and its part of the customer's running totals
        await engagement.removeOrderFact(order_id)
      }
    }
  }
)
