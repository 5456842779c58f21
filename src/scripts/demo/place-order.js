#!/usr/bin/env node
/**
 * Plays a shopper against the running demo: registers (or logs in) a customer, fills a cart
 * through the store API and checks out with Medusa's system payment provider.
 *   node src/scripts/demo/place-order.js [email]        (GUEST=1 for a guest checkout)
 * The shopper ticks the checkout's consent boxes: CONSENTS="email_marketing=true,sms_marketing=false"
 * (default: email marketing and review requests given; CONSENTS=none for no boxes).
 * POINTS=550 spends that many loyalty points on the cart (100 points = 1.00) before paying.
 * REFERRAL_CODE=ABCD2345 puts an advocate's referral code in the cart's metadata (claimed with the first order).
 * Reads the publishable key from the demo's store (admin login: DEMO_ADMIN_PASSWORD, else the one
 * the demo generated in .demo-data/admin-password) unless PUBLISHABLE_KEY is set.
 */
const { demoAdminPassword } = require("./secrets")

const BASE = process.env.MEDUSA_URL || `http://localhost:${process.env.PORT || 9000}`
const email = process.argv[2] || "shopper@example.com"
const password = process.env.SHOPPER_PASSWORD || "shopper-password"

async function call(method, path, body, headers = {}) {
  const response = await fetch(`${BASE}${path}`, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const data = await response.json().catch(() => ({}))
  if (!response.ok) {
    throw new Error(`${method} ${path} -> ${response.status}: ${JSON.stringify(data)}`)
  }
  return data
}

async function publishableKey() {
  if (process.env.PUBLISHABLE_KEY) {
    return process.env.PUBLISHABLE_KEY
  }
  const { token } = await call("POST", "/auth/user/emailpass", {
    email: process.env.DEMO_ADMIN_EMAIL || "admin@example.com",
    password: demoAdminPassword(),
  })
  const { api_keys } = await call("GET", "/admin/api-keys?type=publishable", undefined, {
    authorization: `Bearer ${token}`,
  })
  return api_keys[0].token
}

async function customerHeaders(pk) {
  if (process.env.GUEST) {
    return { "x-publishable-api-key": pk }
  }
  let token
  try {
    ;({ token } = await call("POST", "/auth/customer/emailpass/register", { email, password }))
    await call(
      "POST",
      "/store/customers",
      { email, first_name: "Sam", last_name: "Shopper" },
      {
        "x-publishable-api-key": pk,
        authorization: `Bearer ${token}`,
      }
    )
  } catch (error) {
    if (!/exists/i.test(error.message)) {
      throw error
    }
  }
  ;({ token } = await call("POST", "/auth/customer/emailpass", { email, password }))
  return { "x-publishable-api-key": pk, authorization: `Bearer ${token}` }
}

/** The checkout's consent boxes, as a storefront puts them in the cart's metadata. */
function checkoutConsents() {
  const spec = process.env.CONSENTS ?? "email_marketing=true,review_requests=true"
  if (spec === "none") {
    return undefined
  }
  const choices = Object.fromEntries(
    spec.split(",").map((entry) => {
      const [purpose, value] = entry.split("=")
      return [purpose.trim(), value === "true" ? true : value === "false" ? false : value]
    })
  )
  return { engagement_consents: choices }
}

async function main() {
  const pk = await publishableKey()
  const headers = await customerHeaders(pk)
  const { regions } = await call("GET", "/store/regions", undefined, headers)
  const region = regions[0]
  const { products } = await call("GET", `/store/products?region_id=${region.id}&fields=*variants`, undefined, headers)
  const { cart } = await call("POST", "/store/carts", { region_id: region.id, email }, headers)
  for (const [index, product] of products.entries()) {
    await call(
      "POST",
      `/store/carts/${cart.id}/line-items`,
      { variant_id: product.variants[0].id, quantity: index + 1 },
      headers
    )
  }
  const address = {
    first_name: "Sam",
    last_name: "Shopper",
    address_1: "Hauptstraße 1",
    city: "Berlin",
    postal_code: "10115",
    country_code: "de",
  }
  await call("POST", `/store/carts/${cart.id}`, { shipping_address: address, billing_address: address }, headers)
  const { shipping_options } = await call("GET", `/store/shipping-options?cart_id=${cart.id}`, undefined, headers)
  await call("POST", `/store/carts/${cart.id}/shipping-methods`, { option_id: shipping_options[0].id }, headers)
  if (process.env.POINTS) {
    // points go on before payment is set up: a change of the total afterwards drops the payment session
    const before = (await call("GET", `/store/carts/${cart.id}`, undefined, headers)).cart.total
    const { cart: withPoints } = await call(
      "POST",
      `/store/carts/${cart.id}/loyalty-points`,
      { points: Number(process.env.POINTS) },
      headers
    )
    console.log(
      `Points: ${process.env.POINTS} applied, total ${before} -> ${withPoints.total} (credit ${withPoints.credit_line_total})`
    )
  }
  const { payment_collection } = await call("POST", "/store/payment-collections", { cart_id: cart.id }, headers)
  await call(
    "POST",
    `/store/payment-collections/${payment_collection.id}/payment-sessions`,
    { provider_id: "pp_system_default" },
    headers
  )
  const consents = checkoutConsents()
  const referral = process.env.REFERRAL_CODE ? { referral_code: process.env.REFERRAL_CODE } : undefined
  const metadata = consents || referral ? { ...consents, ...referral } : undefined
  if (metadata) {
    await call("POST", `/store/carts/${cart.id}`, { metadata }, headers)
  }
  const completed = await call("POST", `/store/carts/${cart.id}/complete`, {}, headers)
  const { order } = completed
  console.log(
    `Order ${order.id} (#${order.display_id}) placed for ${email}: ${order.total} ${order.currency_code.toUpperCase()}`
  )
  console.log(`See it in the admin: ${BASE}/app/orders/${order.id}`)
  if (consents) {
    console.log(`Checkout consents: ${JSON.stringify(consents.engagement_consents)}`)
  }
  await printPoints(order.id, headers)
}

/**
 * The shopper's loyalty points once the order's award is written: points spent are written by the
 * checkout itself, the award by the order's work just after it answers. Without an award in 5 s
 * (an order that earns none), what there is.
 */
async function printPoints(orderId, headers) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const { transactions } = await call("GET", "/store/engagement/loyalty/transactions?limit=50", undefined, headers)
    const awarded = transactions.some((row) => row.order_id === orderId && row.type === "earn")
    if (awarded || (attempt === 19 && transactions.some((row) => row.order_id === orderId))) {
      const mine = transactions.filter((row) => row.order_id === orderId)
      const sum = (type) => mine.filter((row) => row.type === type).reduce((total, row) => total + row.points, 0)
      const earned = sum("earn")
      const redeemed = sum("redeem")
      const { loyalty } = await call("GET", "/store/engagement/loyalty", undefined, headers)
      const tier = loyalty.tier ? `, tier ${loyalty.tier.name}` : ""
      const spent = redeemed ? `, ${-redeemed} spent` : ""
      console.log(
        `Loyalty: +${earned} points earned by this order${spent}; balance ${loyalty.balance}, pending ${loyalty.pending}${tier}`
      )
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  console.log("Loyalty: no points for this order (loyalty off, or the order earns none)")
}

main().catch((error) => {
  console.error(error.message)
  process.exit(1)
})
