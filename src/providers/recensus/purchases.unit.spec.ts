import { mapRecensusPurchases, PurchaseMappingRules, ReviewableLineItem } from "./purchases"

const rules: PurchaseMappingRules = {
  gtin_sources: ["barcode", "ean", "upc"],
  mpn_metadata_key: "mpn",
  mpn_fallback_to_sku: false,
  brand_metadata_key: "brand",
}

const item = (overrides: Partial<ReviewableLineItem>): ReviewableLineItem => ({
  id: "item_1",
  title: "Default",
  product_title: "Trail Shoe",
  variant_id: "variant_1",
  quantity: 1,
  ...overrides,
})

describe("mapRecensusPurchases", () => {
  it("sends GTIN, MPN and brand together when all three are known", () => {
    const { purchases } = mapRecensusPurchases(
      [
        item({
          variant_barcode: "4006381333931",
          variant_metadata: { mpn: "TS-1" },
          product_metadata: { brand: "Nike" },
        }),
      ],
      rules,
      "en"
    )
    expect(purchases).toEqual([
      { quantity: "1", gtin: "4006381333931", mpn: "TS-1", brand: "Nike", lang: "en", title: "Trail Shoe", type: "P" },
    ])
  })

  it("sends a GTIN alone, blanking an MPN without a brand", () => {
    const { purchases } = mapRecensusPurchases(
      [item({ variant_ean: "123456", variant_metadata: { mpn: "X" } })],
      rules,
      "de"
    )
    expect(purchases[0]).toEqual(expect.objectContaining({ gtin: "123456", mpn: "", brand: "", lang: "de" }))
  })

  it("sends MPN and brand when there is no GTIN, with the configured default brand", () => {
    const { purchases } = mapRecensusPurchases(
      [item({ variant_metadata: { mpn: "Cool Beans" } })],
      { ...rules, default_brand: "House" },
      "en"
    )
    expect(purchases[0]).toEqual(expect.objectContaining({ gtin: "", mpn: "Cool Beans", brand: "House" }))
  })

  it("uses the SKU as MPN only when the owner opts in", () => {
    const sku = item({ variant_sku: "MFR-77", product_metadata: { brand: "Acme" } })
    expect(mapRecensusPurchases([sku], rules, "en").purchases).toEqual([])
    expect(mapRecensusPurchases([sku], { ...rules, mpn_fallback_to_sku: true }, "en").purchases[0]).toEqual(
      expect.objectContaining({ mpn: "MFR-77", brand: "Acme" })
    )
  })

  it("merges line items of the same variant", () => {
    const { purchases } = mapRecensusPurchases(
      [
        item({ id: "a", quantity: 2, variant_barcode: "111" }),
        item({ id: "b", quantity: 3, variant_barcode: "111" }),
        item({ id: "c", variant_id: "variant_2", product_title: "Sock", variant_barcode: "222" }),
      ],
      rules,
      "en"
    )
    expect(purchases.map((p) => [p.title, p.quantity])).toEqual([
      ["Trail Shoe", "5"],
      ["Sock", "1"],
    ])
  })

  it("leaves out an item with no acceptable identifier and says why", () => {
    const { purchases, excluded } = mapRecensusPurchases(
      [
        item({ id: "a", variant_barcode: "111" }),
        item({ id: "b", variant_id: "v2", product_title: "Gift card", variant_metadata: { mpn: "GC" } }),
      ],
      rules,
      "en"
    )
    expect(purchases).toHaveLength(1)
    expect(excluded).toEqual([
      { line_item_ids: ["b"], title: "Gift card", reason: expect.stringContaining("no brand") },
    ])
  })
})
