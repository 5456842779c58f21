import { MathBN } from "@medusajs/framework/utils"
import type { BigNumberInput } from "@medusajs/framework/types"

export interface OrderFactRow {
  currency_code: string
  total: BigNumberInput
  item_count: number
  placed_at: Date | string
  canceled_at: Date | string | null
  returned_count: number
}

export interface RfmThresholds {
  /** days since the last order: at most the first is recent (3), at most the second is 2, else 1 */
  recency_days: [number, number]
  /** orders: at least the second scores 3, at least the first 2, else 1 */
  frequency: [number, number]
  /** total spent, major units: at least the second scores 3, at least the first 2, else 1 */
  monetary: [number, number]
}

export interface ContactStatistics {
  total_spent: number
  order_count: number
  return_count: number
  average_order_value: number
  average_price_point: number
  first_order_at: Date | null
  last_order_at: Date | null
  average_days_between_orders: number | null
  currency_code: string | null
  rfm_segment: string | null
}

/** The profile columns that hold purchase statistics. */
export const CONTACT_STATISTIC_FIELDS = [
  "total_spent",
  "order_count",
  "return_count",
  "average_order_value",
  "average_price_point",
  "first_order_at",
  "last_order_at",
  "average_days_between_orders",
  "currency_code",
  "rfm_segment",
] as const satisfies readonly (keyof ContactStatistics)[]

const DAY = 86_400_000

const score = (value: number, [low, high]: [number, number], higherIsBetter = true) =>
  higherIsBetter ? (value >= high ? 3 : value >= low ? 2 : 1) : value <= low ? 3 : value <= high ? 2 : 1

/** A documented, simple RFM rule: three scores of 1–3 name the segment. */
export function rfmSegment(recency: number, frequency: number, monetary: number): string {
  if (recency === 3 && frequency === 3 && monetary >= 2) {
    return "champion"
  }
  if (recency >= 2 && frequency >= 2) {
    return "loyal"
  }
  if (recency === 3 && frequency === 1) {
    return "new"
  }
  if (recency === 1 && frequency >= 2) {
    return "at_risk"
  }
  if (recency === 1) {
    return "hibernating"
  }
  return "promising"
}

/**
 * What the statistics are made of; kept as running totals per customer and currency (see
 * `totals.ts`), so a recompute reads a few rows however many orders the customer has.
 */
export interface OrderAggregates {
  /** orders not canceled, in every currency */
  order_count: number
  /** returns received, of every order */
  return_count: number
  first_order_at: Date | string | null
  last_order_at: Date | string | null
  /** the currency of the latest order not canceled, and its sums over the orders in it */
  currency_code: string | null
  currency_order_count: number
  currency_total: BigNumberInput
  currency_item_count: number
}

/**
 * A customer's purchase statistics from their order facts. Canceled orders do not count; amounts
 * are in the currency of the latest order (facts in other currencies are left out of the sums).
 */
export function computeStatistics(facts: OrderFactRow[], rfm: RfmThresholds, now = new Date()): ContactStatistics {
  const active = facts
    .filter((fact) => !fact.canceled_at)
    .sort((a, b) => new Date(a.placed_at).getTime() - new Date(b.placed_at).getTime())
  const currency = active.length ? active[active.length - 1].currency_code : null
  const inCurrency = active.filter((fact) => fact.currency_code === currency)
  return statisticsFromAggregates(
    {
      order_count: active.length,
      return_count: facts.reduce((sum, fact) => sum + fact.returned_count, 0),
      first_order_at: active.length ? active[0].placed_at : null,
      last_order_at: active.length ? active[active.length - 1].placed_at : null,
      currency_code: currency,
      currency_order_count: inCurrency.length,
      currency_total: inCurrency.length ? MathBN.add(...inCurrency.map((fact) => fact.total)) : 0,
      currency_item_count: inCurrency.reduce((sum, fact) => sum + fact.item_count, 0),
    },
    rfm,
    now
  )
}

/** The statistics from their aggregates: the same rule as {@link computeStatistics}, in constant time. */
export function statisticsFromAggregates(
  aggregates: OrderAggregates,
  rfm: RfmThresholds,
  now = new Date()
): ContactStatistics {
  if (!aggregates.order_count || !aggregates.currency_code || !aggregates.first_order_at || !aggregates.last_order_at) {
    return {
      total_spent: 0,
      order_count: 0,
      return_count: aggregates.return_count,
      average_order_value: 0,
      average_price_point: 0,
      first_order_at: null,
      last_order_at: null,
      average_days_between_orders: null,
      currency_code: null,
      rfm_segment: null,
    }
  }
  const orders = aggregates.order_count
  const total = MathBN.convert(aggregates.currency_total)
  const items = aggregates.currency_item_count
  const first = new Date(aggregates.first_order_at)
  const last = new Date(aggregates.last_order_at)
  const totalSpent = total.decimalPlaces(4).toNumber()
  return {
    total_spent: totalSpent,
    order_count: orders,
    return_count: aggregates.return_count,
    average_order_value: MathBN.div(total, Math.max(1, aggregates.currency_order_count)).decimalPlaces(4).toNumber(),
    average_price_point: items ? MathBN.div(total, items).decimalPlaces(4).toNumber() : 0,
    first_order_at: first,
    last_order_at: last,
    average_days_between_orders:
      orders > 1 ? Math.round(((last.getTime() - first.getTime()) / DAY / (orders - 1)) * 100) / 100 : null,
    currency_code: aggregates.currency_code,
    rfm_segment: rfmSegment(
      score((now.getTime() - last.getTime()) / DAY, rfm.recency_days, false),
      score(orders, rfm.frequency),
      score(totalSpent, rfm.monetary)
    ),
  }
}
