import type { BigNumberInput } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"
import type { StorefrontOptions } from "../../provider-api/storefront"
import type { ConversionMapping } from "./options"
import { toMinorUnits } from "../../utils/money"
import { fillUrlPattern } from "../../utils/url-pattern"

type Amount = BigNumberInput

const count = (quantity: Amount) => MathBN.convert(quantity).toNumber()

/** What the conversion reads of an order. */
export interface ConvertOrder {
  id: string
  display_id?: number | null
  email?: string | null
  currency_code: string
  total: Amount
  metadata?: Record<string, unknown> | null
  promotions?: ({ code?: string | null } | null)[] | null
  items?: ConvertOrderItem[] | null
}

export interface ConvertOrderItem {
  id: string
  title: string
  product_title?: string | null
  product_description?: string | null
  product_subtitle?: string | null
  product_handle?: string | null
  product_id?: string | null
  variant_id?: string | null
  variant_sku?: string | null
  thumbnail?: string | null
  unit_price: Amount
  quantity: Amount
  adjustments?: ({ code?: string | null } | null)[] | null
  product?: {
    metadata?: Record<string, unknown> | null
    categories?: ({ name?: string | null } | null)[] | null
  } | null
}

const present = (value: unknown) => value !== undefined && value !== null && value !== ""

/** Drops fields with no value: the API's optional fields are left out rather than sent empty. */
function compact<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => present(value) && !(Array.isArray(value) && !value.length))
  ) as Partial<T>
}

function metadataFields(mapping: Record<string, string>, metadata: Record<string, unknown> | null | undefined) {
  const fields: Record<string, string> = {}
  for (const [field, key] of Object.entries(mapping)) {
    const value = metadata?.[key]
    if (present(value)) {
      fields[field] = typeof value === "string" ? value : JSON.stringify(value)
    }
  }
  return fields
}

/** Promotion codes applied to the order, once each, in the order they appear. */
export function promotionCodes(order: ConvertOrder): string[] {
  const codes = [
    ...(order.promotions ?? []).map((promotion) => promotion?.code),
    ...(order.items ?? []).flatMap((item) => (item.adjustments ?? []).map((adjustment) => adjustment?.code)),
  ].filter((code): code is string => !!code)
  return [...new Set(codes)]
}

/**
 * The body of Rejoiner's `POST /customer/convert/` for an order, as the API defines it:
 * amounts are integers in the currency's minor unit, and `qty_price` is `price × item_qty`.
 */
export function buildRejoinerConversion(
  order: ConvertOrder,
  options: ConversionMapping,
  storefront: StorefrontOptions
): Record<string, unknown> {
  const currency = order.currency_code
  const items = order.items ?? []
  const cartItems = items.map((item) => {
    const price = toMinorUnits(item.unit_price, currency)
    const quantity = count(item.quantity)
    const productId =
      options.product_id_source === "variant_id"
        ? item.variant_id
        : options.product_id_source === "product_id"
          ? item.product_id
          : item.variant_sku || item.product_id
    return compact({
      ...metadataFields(options.cart_item_metadata, item.product?.metadata),
      product_id: productId ?? item.id,
      name: item.product_title ?? item.title,
      price,
      description: item.product_subtitle ?? item.product_description ?? undefined,
      category: (item.product?.categories ?? [])
        .map((category) => category?.name)
        .filter((name): name is string => !!name),
      item_qty: quantity,
      qty_price: price * quantity,
      product_url: item.product_handle
        ? fillUrlPattern(storefront.product_url, { handle: item.product_handle, id: item.product_id })
        : undefined,
      image_url: item.thumbnail ?? undefined,
    })
  })
  return compact({
    email: order.email,
    cart_data: compact({
      ...metadataFields(options.cart_data_metadata, order.metadata),
      cart_value: toMinorUnits(order.total, currency),
      cart_item_count: items.reduce((sum, item) => sum + count(item.quantity), 0),
      promo: promotionCodes(order).join(",") || undefined,
      order_number: order.display_id === undefined || order.display_id === null ? undefined : String(order.display_id),
      return_url: fillUrlPattern(storefront.order_url, { order_id: order.id, display_id: order.display_id }),
    }),
    cart_items: cartItems,
  })
}
