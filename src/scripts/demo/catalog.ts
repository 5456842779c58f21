/**
 * The demo store's data. The products are shaped for the review-request feature:
 * variants carry an EAN-13 `barcode` (the GTIN), an `mpn` in variant metadata and a
 * `brand` in product metadata; the lamp has MPN + brand but no barcode, so both
 * identification paths of a review request are exercised.
 */

export const REGION_NAME = "Europe"
export const REGION_COUNTRIES = ["de", "fr", "gb", "nl", "se"]
export const STOCK_LOCATION_NAME = "Demo Warehouse"
export const FULFILLMENT_SET_NAME = "Demo Warehouse delivery"
export const SERVICE_ZONE_NAME = "Europe"
export const SHIPPING_OPTION_NAME = "Standard Shipping"
export const SHIPPING_PRICE = { eur: 4.95, usd: 5.95 }
/** Stock put at the location for every demo variant. */
export const STOCKED_QUANTITY = 1_000

export const CATEGORIES = [
  { name: "Writing", handle: "writing" },
  { name: "Lighting", handle: "lighting" },
]

export type DemoVariant = {
  title: string
  sku: string
  barcode?: string
  mpn: string
  option: string
  /** major units, as Medusa v2 stores them */
  prices: { eur: number; usd: number }
}

export type DemoProduct = {
  title: string
  handle: string
  description: string
  brand: string
  category: string
  thumbnail: string
  option: string
  variants: DemoVariant[]
}

export const PRODUCTS: DemoProduct[] = [
  {
    title: "Fountain Pen",
    handle: "fountain-pen",
    description: "A steel-nib fountain pen for everyday writing.",
    brand: "Penwright",
    category: "writing",
    thumbnail: "https://picsum.photos/seed/fountain-pen/600/600",
    option: "Colour",
    variants: [
      {
        title: "Blue",
        option: "Blue",
        sku: "PEN-BLUE",
        barcode: "4006381333931",
        mpn: "PW-FP100-BL",
        prices: { eur: 19.99, usd: 21.99 },
      },
      {
        title: "Black",
        option: "Black",
        sku: "PEN-BLACK",
        barcode: "4012345000016",
        mpn: "PW-FP100-BK",
        prices: { eur: 19.99, usd: 21.99 },
      },
    ],
  },
  {
    title: "Dotted Notebook",
    handle: "dotted-notebook",
    description: "A5 notebook, 120 g paper, dotted pages.",
    brand: "Papeterie Nord",
    category: "writing",
    thumbnail: "https://picsum.photos/seed/dotted-notebook/600/600",
    option: "Size",
    variants: [
      {
        title: "A5",
        option: "A5",
        sku: "NB-A5-DOT",
        barcode: "5901234123457",
        mpn: "PN-A5-DOT",
        prices: { eur: 12.5, usd: 13.5 },
      },
    ],
  },
  {
    title: "Desk Lamp",
    handle: "desk-lamp",
    description: "A brass desk lamp with a weighted base.",
    brand: "Lumen & Co",
    category: "lighting",
    thumbnail: "https://picsum.photos/seed/desk-lamp/600/600",
    option: "Finish",
    variants: [{ title: "Brass", option: "Brass", sku: "LAMP-BRASS", mpn: "LC-DL2-BR", prices: { eur: 49, usd: 54 } }],
  },
]
