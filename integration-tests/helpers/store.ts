import type { AxiosInstance } from "axios"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, generateJwtToken, Modules } from "@medusajs/framework/utils"
import { seedStore, SeededStore } from "../../src/scripts/demo/seed-store"

/**
 * Store and admin helpers for `medusaIntegrationTestRunner` suites. The runner restores
 * the database before every test, so call these inside the test (or a beforeEach).
 */

export type TestStore = SeededStore
export type RequestConfig = { headers: Record<string, string> }

/** The demo store's region, location, shipping option, publishable key and products. */
export async function seedTestStore(container: MedusaContainer): Promise<TestStore> {
  return await seedStore(container)
}

/**
 * An admin bearer token without going through the login route, as Medusa's own
 * integration tests do: a user, an emailpass identity pointing at it, and a JWT signed
 * with the project's secret. Calling it twice with one email reuses the user.
 */
export async function createAdminHeaders(
  container: MedusaContainer,
  { email = "admin@example.com", password = "test-admin-password" } = {}
): Promise<RequestConfig> {
  const users = container.resolve(Modules.USER)
  const auth = container.resolve(Modules.AUTH)

  const [existing] = await users.listUsers({ email })
  const user = existing ?? (await users.createUsers({ email, first_name: "Admin", last_name: "User" }))

  const [identity] = await auth.listProviderIdentities({ entity_id: email, provider: "emailpass" })
  let authIdentityId = identity?.auth_identity_id
  if (!authIdentityId) {
    const { authIdentity, error } = await auth.register("emailpass", { body: { email, password } })
    if (error || !authIdentity) {
      throw new Error(`could not register ${email}: ${error}`)
    }
    await auth.updateAuthIdentities({ id: authIdentity.id, app_metadata: { user_id: user.id } })
    authIdentityId = authIdentity.id
  }

  const { http } = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE).projectConfig
  const token = generateJwtToken(
    {
      actor_id: user.id,
      actor_type: "user",
      auth_identity_id: authIdentityId,
      app_metadata: { user_id: user.id },
      user_metadata: {},
    },
    { secret: http.jwtSecret, expiresIn: "1d" }
  )
  return { headers: { authorization: `Bearer ${token}` } }
}

export type CustomerInput = { email: string; password: string; first_name: string; last_name: string }
export type CustomerSession = RequestConfig & { customerId: string; token: string }

/**
 * Registers a customer the way a storefront does (register identity → create customer →
 * log in) and returns request headers carrying the customer's token and the publishable key.
 */
export async function createCustomerSession(
  api: AxiosInstance,
  store: Pick<TestStore, "publishableKey">,
  input: CustomerInput
): Promise<CustomerSession> {
  const pk = { "x-publishable-api-key": store.publishableKey }
  const credentials = { email: input.email, password: input.password }

  const registered = await api.post("/auth/customer/emailpass/register", credentials)
  const { first_name, last_name, email } = input
  const created = await api.post(
    "/store/customers",
    { email, first_name, last_name },
    { headers: { ...pk, authorization: `Bearer ${registered.data.token}` } }
  )
  // the registration token has no customer in it yet: log in again for one that has
  const login = await api.post("/auth/customer/emailpass", credentials)
  return {
    customerId: created.data.customer.id,
    token: login.data.token,
    headers: { ...pk, authorization: `Bearer ${login.data.token}` },
  }
}

/** A signed-in shopper named Ada Lovelace (unless `name` says otherwise), with the password the suites use. */
export async function createShopper(
  api: AxiosInstance,
  store: Pick<TestStore, "publishableKey">,
  email: string,
  name: { first_name: string; last_name: string } = { first_name: "Ada", last_name: "Lovelace" }
): Promise<CustomerSession> {
  return await createCustomerSession(api, store, { email, password: "secret-password", ...name })
}

/** The demo store's products by position (`store.products[PEN]`): a fountain pen, a notebook, a lamp. */
export const [PEN, NOTEBOOK, LAMP] = [0, 1, 2]

/** Cart lines of the demo products by position and quantity: `linesOf(store, [[PEN, 2], [LAMP, 1]])`. */
export function linesOf(store: Pick<TestStore, "products">, lines: [number, number][]) {
  return lines.map(([index, quantity]) => ({ variant_id: store.products[index].variants[0].id, quantity }))
}

/** A new signed-in shopper (see createShopper) who places one order of `lines` (see linesOf). */
export async function shopperOrder(api: AxiosInstance, store: TestStore, email: string, lines: [number, number][]) {
  const session = await createShopper(api, store, email)
  const order = await placeOrder(api, store, { email, customerHeaders: session.headers, items: linesOf(store, lines) })
  return { session, order }
}

export type PlaceOrderInput = {
  email: string
  items: { variant_id: string; quantity: number }[]
  /** headers from createCustomerSession; a guest checkout without them */
  customerHeaders?: Record<string, string>
  promoCodes?: string[]
  /** must be one of the region's countries (de, fr, gb, nl, se); default de */
  countryCode?: string
  /** set on the cart just before it is completed, as a storefront does with the shopper's choices */
  cartMetadata?: Record<string, unknown>
  /** runs with the cart's id once shipping is chosen, before payment is set up (e.g. to apply points) */
  beforePayment?: (cartId: string) => Promise<void>
}

export type CartInput = Pick<PlaceOrderInput, "items" | "customerHeaders" | "promoCodes" | "countryCode"> & {
  /** the cart's email; a signed-in shopper's cart takes the customer's when left out */
  email?: string
}

/**
 * A cart through the store API as a storefront makes it: cart → line items → addresses →
 * promotions → shipping method. Returns the cart's id, ready for payment.
 */
export async function createShippableCart(
  api: AxiosInstance,
  store: Pick<TestStore, "publishableKey" | "regionId" | "salesChannelId">,
  input: CartInput
): Promise<string> {
  const config = { headers: { ...input.customerHeaders, "x-publishable-api-key": store.publishableKey } }
  const country_code = input.countryCode ?? "de"

  const { data: created } = await api.post(
    "/store/carts",
    {
      region_id: store.regionId,
      sales_channel_id: store.salesChannelId,
      ...(input.email === undefined ? {} : { email: input.email }),
    },
    config
  )
  const cartId: string = created.cart.id
  for (const item of input.items) {
    await api.post(`/store/carts/${cartId}/line-items`, item, config)
  }
  const address = {
    first_name: "Test",
    last_name: "Shopper",
    address_1: "Teststraße 1",
    city: "Berlin",
    postal_code: "10115",
    country_code,
  }
  await api.post(`/store/carts/${cartId}`, { shipping_address: address, billing_address: address }, config)
  if (input.promoCodes?.length) {
    await api.post(`/store/carts/${cartId}/promotions`, { promo_codes: input.promoCodes }, config)
  }

  const { data: options } = await api.get(`/store/shipping-options?cart_id=${cartId}`, config)
  if (!options.shipping_options.length) {
    throw new Error(`no shipping option for cart ${cartId} (country ${country_code})`)
  }
  await api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: options.shipping_options[0].id }, config)
  return cartId
}

/**
 * A store checkout through the store API, step by step as a storefront does it:
 * a shippable cart (above) → payment collection → pp_system_default session → complete.
 * Returns the placed order.
 */
export async function placeOrder(
  api: AxiosInstance,
  store: Pick<TestStore, "publishableKey" | "regionId" | "salesChannelId">,
  input: PlaceOrderInput
) {
  const config = { headers: { ...input.customerHeaders, "x-publishable-api-key": store.publishableKey } }
  const cartId = await createShippableCart(api, store, input)

  // a change of the cart's total after this would drop the payment session, as a promotion does
  await input.beforePayment?.(cartId)
  const { data: collection } = await api.post("/store/payment-collections", { cart_id: cartId }, config)
  await api.post(
    `/store/payment-collections/${collection.payment_collection.id}/payment-sessions`,
    { provider_id: "pp_system_default" },
    config
  )

  if (input.cartMetadata) {
    await api.post(`/store/carts/${cartId}`, { metadata: input.cartMetadata }, config)
  }
  const { data: completed } = await api.post(`/store/carts/${cartId}/complete`, {}, config)
  if (completed.type !== "order") {
    throw new Error(`cart ${cartId} did not complete: ${JSON.stringify(completed.error ?? completed)}`)
  }
  return completed.order
}

/** Fulfils every line of an order whole from the store's location, as an admin. */
export async function fulfilOrder(
  api: AxiosInstance,
  store: Pick<TestStore, "stockLocationId">,
  admin: RequestConfig,
  order: { id: string; items: { id: string; quantity: number }[] }
) {
  await api.post(
    `/admin/orders/${order.id}/fulfillments`,
    {
      location_id: store.stockLocationId,
      items: order.items.map((item) => ({ id: item.id, quantity: item.quantity })),
    },
    admin
  )
}

/** A return of `items` of a fulfilled order, requested and received through the admin API; its id. */
export async function receiveReturn(
  api: AxiosInstance,
  store: Pick<TestStore, "stockLocationId">,
  admin: RequestConfig,
  orderId: string,
  items: { id: string; quantity: number }[]
): Promise<string> {
  const { data: begun } = await api.post(
    "/admin/returns",
    { order_id: orderId, location_id: store.stockLocationId },
    admin
  )
  const returnId = begun.return.id
  await api.post(`/admin/returns/${returnId}/request-items`, { items }, admin)
  await api.post(`/admin/returns/${returnId}/request`, {}, admin)
  await api.post(`/admin/returns/${returnId}/receive`, {}, admin)
  await api.post(`/admin/returns/${returnId}/receive-items`, { items }, admin)
  await api.post(`/admin/returns/${returnId}/receive/confirm`, {}, admin)
  return returnId
}

/** The order's payment with its captures and refunds, as the admin reads it. */
export async function orderPaymentOf(api: AxiosInstance, admin: RequestConfig, orderId: string) {
  const { data } = await api.get(
    `/admin/orders/${orderId}?fields=payment_collections.payments.*,payment_collections.payments.refunds.*,payment_collections.payments.captures.*`,
    admin
  )
  return data.order.payment_collections[0].payments[0]
}
