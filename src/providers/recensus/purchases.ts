import type { ReviewableLineItem } from "../../provider-api/capabilities"

export type { ReviewableLineItem }

export interface PurchaseMappingRules {
  gtin_sources: ("barcode" | "ean" | "upc")[]
  mpn_metadata_key: string
  mpn_fallback_to_sku: boolean
  brand_metadata_key: string
  default_brand?: string
}

/** A purchase exactly as Recensus' API lists it: every field present, unknown ids empty. */
export interface RecensusPurchase {
  quantity: string
  gtin: string
  mpn: string
  brand: string
  lang: string
  title: string
  type: "P"
}

export interface ExcludedItem {
  line_item_ids: string[]
  title: string
  reason: string
}

const text = (value: unknown): string =>
  typeof value === "string" || typeof value === "number" ? String(value).trim() : ""

function firstText(...values: unknown[]): string {
  for (const value of values) {
    const found = text(value)
    if (found) {
      return found
    }
  }
  return ""
}

function identify(item: ReviewableLineItem, rules: PurchaseMappingRules) {
  const gtin = firstText(...rules.gtin_sources.map((source) => item[`variant_${source}`]))
  const mpn = firstText(
    item.variant_metadata?.[rules.mpn_metadata_key],
    item.product_metadata?.[rules.mpn_metadata_key],
    rules.mpn_fallback_to_sku ? item.variant_sku : undefined
  )
  const brand = firstText(
    item.product_metadata?.[rules.brand_metadata_key],
    item.variant_metadata?.[rules.brand_metadata_key],
    rules.default_brand
  )
  // only the API's combinations: GTIN+MPN+Brand (preferred), GTIN alone, or MPN+Brand
  if (gtin && mpn && brand) {
    return { gtin, mpn, brand }
  }
  if (gtin) {
    return { gtin, mpn: "", brand: "" }
  }
  if (mpn && brand) {
    return { gtin: "", mpn, brand }
  }
  return null
}

function missingReason(item: ReviewableLineItem, rules: PurchaseMappingRules): string {
  const hasMpn = !!firstText(
    item.variant_metadata?.[rules.mpn_metadata_key],
    item.product_metadata?.[rules.mpn_metadata_key]
  )
  return hasMpn
    ? `no GTIN and no brand (product metadata "${rules.brand_metadata_key}" or default_brand) to go with the MPN`
    : `no GTIN (variant ${rules.gtin_sources.join("/")}) and no MPN (metadata "${rules.mpn_metadata_key}")`
}

/**
 * Turns an order's line items into Recensus purchases: items of one variant are merged, and
 * items with no identifier combination the API accepts are left out with the reason.
 */
export function mapRecensusPurchases(
  items: ReviewableLineItem[],
  rules: PurchaseMappingRules,
  lang: string
): { purchases: RecensusPurchase[]; excluded: ExcludedItem[] } {
  const merged = new Map<string, { item: ReviewableLineItem; quantity: number; ids: string[] }>()
  for (const item of items) {
    const key = item.variant_id ?? `item:${item.id}`
    const entry = merged.get(key)
    if (entry) {
      entry.quantity += item.quantity
      entry.ids.push(item.id)
    } else {
      merged.set(key, { item, quantity: item.quantity, ids: [item.id] })
    }
  }

  const purchases: RecensusPurchase[] = []
  const excluded: ExcludedItem[] = []
  for (const { item, quantity, ids } of merged.values()) {
    const title = firstText(item.product_title, item.title)
    const identifiers = identify(item, rules)
    if (!identifiers) {
      excluded.push({ line_item_ids: ids, title, reason: missingReason(item, rules) })
      continue
    }
    purchases.push({ quantity: String(quantity), ...identifiers, lang, title, type: "P" })
  }
  return { purchases, excluded }
}
