import { storefrontOptionsSchema } from "../../provider-api/storefront"
import { conversionMappingSchema } from "./options"
import { buildRejoinerConversion, ConvertOrder } from "./convert"

const options = conversionMappingSchema.parse({})
const storefront = storefrontOptionsSchema.parse({
  product_url: "https://shop.example/p/{handle}",
  order_url: "https://shop.example/orders/{order_id}",
})

const order = (overrides: Partial<ConvertOrder> = {}): ConvertOrder => ({
  id: "order_1",
  display_id: 42,
  email: "ada@example.com",
  currency_code: "eur",
  total: 69.96,
  promotions: [{ code: "SALE10" }],
  items: [
    {
      id: "item_1",
      title: "M",
      product_title: "Trail Shoe",
      product_subtitle: "Light",
      product_handle: "trail-shoe",
      product_id: "prod_1",
      variant_sku: "TS-M",
      thumbnail: "https://img.example/ts.jpg",
      unit_price: 19.99,
      quantity: 3,
      product: { categories: [{ name: "Shoes" }, { name: "Running" }] },
    },
    { id: "item_2", title: "Sock", product_id: "prod_2", unit_price: "9.99", quantity: 1 },
  ],
  ...overrides,
})

describe("buildRejoinerConversion", () => {
  it("builds the API's convert body with integer cents and qty_price = price × item_qty", () => {
    expect(buildRejoinerConversion(order(), options, storefront)).toEqual({
      email: "ada@example.com",
      cart_data: {
        cart_value: 6996,
        cart_item_count: 4,
        promo: "SALE10",
        order_number: "42",
        return_url: "https://shop.example/orders/order_1",
      },
      cart_items: [
        {
          product_id: "TS-M",
          name: "Trail Shoe",
          price: 1999,
          description: "Light",
          category: ["Shoes", "Running"],
          item_qty: 3,
          qty_price: 5997,
          product_url: "https://shop.example/p/trail-shoe",
          image_url: "https://img.example/ts.jpg",
        },
        // no SKU: the product id; no value: no field
        { product_id: "prod_2", name: "Sock", price: 999, item_qty: 1, qty_price: 999 },
      ],
    })
  })

  it("converts zero-decimal currencies without scaling", () => {
    const body = buildRejoinerConversion(
      order({
        currency_code: "jpy",
        total: 4500,
        items: [{ id: "i", title: "Tea", product_id: "p", unit_price: 1500, quantity: 3 }],
      }),
      options,
      storefront
    ) as { cart_data: { cart_value: number }; cart_items: { price: number; qty_price: number }[] }
    expect(body.cart_data.cart_value).toBe(4500)
    expect(body.cart_items[0]).toEqual(expect.objectContaining({ price: 1500, qty_price: 4500 }))
  })

  it("joins several promotion codes and leaves promo out when there is none", () => {
    const several = buildRejoinerConversion(
      order({ promotions: [{ code: "A" }, { code: "B" }, { code: "A" }] }),
      options,
      storefront
    ) as { cart_data: Record<string, unknown> }
    expect(several.cart_data.promo).toBe("A,B")
    const none = buildRejoinerConversion(order({ promotions: [] }), options, storefront) as {
      cart_data: Record<string, unknown>
    }
    expect(none.cart_data).not.toHaveProperty("promo")
  })

  it("sends mapped metadata as strings and honours the product id source", () => {
    const body = buildRejoinerConversion(
      order({
        metadata: { channel: "app", score: 7 },
        items: [
          {
            id: "i",
            title: "T",
            product_id: "prod_9",
            variant_id: "var_9",
            variant_sku: "SKU9",
            unit_price: 1,
            quantity: 1,
            product: { metadata: { season: "SS26" } },
          },
        ],
      }),
      {
        ...options,
        product_id_source: "variant_id",
        cart_data_metadata: { source: "channel", score: "score" },
        cart_item_metadata: { season: "season" },
      },
      storefront
    ) as { cart_data: Record<string, unknown>; cart_items: Record<string, unknown>[] }
    expect(body.cart_data).toEqual(expect.objectContaining({ source: "app", score: "7" }))
    expect(body.cart_items[0]).toEqual(expect.objectContaining({ product_id: "var_9", season: "SS26" }))
  })
})
