import type { BigNumberInput } from "@medusajs/framework/types"

/** What the exclusions and the per-product timing read of an order, besides the review fields. */
export const REVIEW_EXCLUSION_ORDER_FIELDS = [
  "total",
  "currency_code",
  "summary.*",
  // the order item detail: what came back of each line
  "items.detail.return_requested_quantity",
  "items.detail.return_received_quantity",
  "items.detail.written_off_quantity",
  "items.product.categories.id",
  "items.product.categories.handle",
]

export interface ReviewExclusionOrderFields {
  total?: BigNumberInput | null
  currency_code?: string | null
  /** the order module hands its totals over flat or under `totals`, depending on the read */
  summary?: {
    paid_total?: BigNumberInput | null
    refunded_total?: BigNumberInput | null
    totals?: { paid_total?: BigNumberInput | null; refunded_total?: BigNumberInput | null } | null
  } | null
}

export interface ReturnedQuantities {
  return_requested_quantity?: BigNumberInput | null
  return_received_quantity?: BigNumberInput | null
  written_off_quantity?: BigNumberInput | null
}

/** Quantities of the line that are on their way back, back, or written off (the order item detail). */
export interface ReviewExclusionItemFields extends ReturnedQuantities {
  detail?: ReturnedQuantities | null
}
