/**
 * What the test storefront does with Medusa's own store routes (cart, shipping, payment,
 * checkout), through `@medusajs/js-sdk` as any storefront does; the plugin's part is the kit's.
 */
import type Medusa from "@medusajs/js-sdk"
import type { HttpTypes } from "@medusajs/types"

/** Carts and orders fetched with the plugin's credit line, which the summary labels. */
export const WITH_CREDIT_LINES = { fields: "*credit_lines" }

/** Where the test shopper's parcels go: a country of the demo's region. */
const ADDRESS = {
  first_name: "Cleo",
  last_name: "Shopper",
  address_1: "Keizersgracht 1",
  city: "Amsterdam",
  postal_code: "1015 CJ",
  country_code: "nl",
}

export async function catalogue(sdk: Medusa) {
  const { regions } = await sdk.store.region.list()
  const region = regions[0]
  const { products } = await sdk.store.product.list({ region_id: region.id, fields: "*variants.calculated_price" })
  return { region, products }
}

/**
 * Adds one of a variant to the shopper's cart; the first item makes the cart (in the region, for
 * the signed-in shopper), delivered to the test address by the first shipping option.
 */
export async function addToCart(sdk: Medusa, regionId: string, cartId: string | null, variantId: string) {
  const id = cartId ?? (await sdk.store.cart.create({ region_id: regionId })).cart.id
  await sdk.store.cart.createLineItem(id, { variant_id: variantId, quantity: 1 })
  if (!cartId) {
    await sdk.store.cart.update(id, { shipping_address: ADDRESS, billing_address: ADDRESS })
    const { shipping_options } = await sdk.store.fulfillment.listCartOptions({ cart_id: id })
    await sdk.store.cart.addShippingMethod(id, { option_id: shipping_options[0].id })
  }
  return (await sdk.store.cart.retrieve(id, WITH_CREDIT_LINES)).cart
}

/**
 * Pays with Medusa's system provider and completes the cart. The payment session is made last:
 * points applied after it would change the total under it.
 */
export async function placeOrder(sdk: Medusa, cart: HttpTypes.StoreCart): Promise<HttpTypes.StoreOrder> {
  await sdk.store.payment.initiatePaymentSession(cart, { provider_id: "pp_system_default" })
  const completed = await sdk.store.cart.complete(cart.id)
  if (completed.type !== "order") {
    throw new Error(completed.error.message)
  }
  return (await sdk.store.order.retrieve(completed.order.id, WITH_CREDIT_LINES)).order
}

/** Money in whole cents, as the summary writes it into `data-cents` for the test to compare exactly. */
export const cents = (amount: number | null | undefined): number => Math.round(Number(amount ?? 0) * 100)
