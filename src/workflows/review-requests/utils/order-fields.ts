import type { BigNumberInput } from "@medusajs/framework/types"
import {
  REVIEW_EXCLUSION_ORDER_FIELDS,
  ReviewExclusionItemFields,
  ReviewExclusionOrderFields,
} from "./exclusion-fields"

/** What the review-request workflows read of an order (line item, variant and product data). */
export const REVIEW_ORDER_FIELDS = [
  "id",
  "display_id",
  "email",
  "customer_id",
  "status",
  "created_at",
  "metadata",
  "customer.first_name",
  "customer.last_name",
  "customer.metadata",
  "shipping_address.first_name",
  "shipping_address.last_name",
  "billing_address.first_name",
  "billing_address.last_name",
  // the whole line item: its quantity and unit price live in the order item detail,
  // which the order module only merges in when the item is read as a whole
  "items.*",
  "items.variant.ean",
  "items.variant.upc",
  "items.variant.metadata",
  "items.product.metadata",
  // exclusions and per-product timing (utils/exclusions.ts, utils/timing.ts)
  ...REVIEW_EXCLUSION_ORDER_FIELDS,
]

type Name = { first_name?: string | null; last_name?: string | null } | null | undefined

export interface ReviewOrder extends ReviewExclusionOrderFields {
  id: string
  display_id?: number | null
  email?: string | null
  customer_id?: string | null
  status: string
  created_at: string | Date
  metadata?: Record<string, unknown> | null
  customer?: (Name & { metadata?: Record<string, unknown> | null }) | null
  shipping_address?: Name
  billing_address?: Name
  items?: ReviewOrderItem[] | null
}

export interface ReviewOrderItem extends ReviewExclusionItemFields {
  id: string
  title: string
  product_title?: string | null
  product_handle?: string | null
  product_id?: string | null
  variant_id?: string | null
  quantity: BigNumberInput
  thumbnail?: string | null
  variant_sku?: string | null
  variant_barcode?: string | null
  variant?: { ean?: string | null; upc?: string | null; metadata?: Record<string, unknown> | null } | null
  product?: {
    metadata?: Record<string, unknown> | null
    categories?: { id: string; handle?: string | null }[] | null
  } | null
}
