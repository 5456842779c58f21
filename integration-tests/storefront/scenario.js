/**
 * The storefront kit in a real browser: the test storefront (app.tsx) on its own origin against
 * the demo with the stand-ins. A shopper with points from an earlier order and a goodwill
 * adjustment signs in, sees the balance and tier, joins a scheme, invites a friend, fills a cart,
 * sees what it earns, applies points and watches the total drop by exactly their value, ticks two
 * of the three consent boxes and checks out. Then, through the admin API: the order's total, the
 * ledger's redeem row for the order and the consent ledger's rows with the wording and version the
 * boxes showed. Any console warning or error of the page fails it, as does any failed request.
 */
const { execFileSync } = require("node:child_process")
const path = require("node:path")
const { chromium } = require("playwright-core")
const { demoAdminPassword } = require("../../src/scripts/demo/secrets")
const { api, eventually, expect } = require("./helpers")
const { startStorefront } = require("./server")

const root = path.resolve(__dirname, "../..")
// a new shopper on each run, so the scenario can also be run again against a demo that is up
const SHOPPER = { email: `e2e-cleo-${Date.now().toString(36)}@example.com`, password: "shopper-password" }
const ADJUSTMENT = 1000
const POINTS = 550
// the boxes the shopper ticks, as app.tsx's CONSENT_OPTIONS words them; sms_marketing stays unticked
const TICKED = [
  { purpose: "email_marketing", label: "Email me offers and news", proof: "[2026-12] Email me offers and news" },
  {
    purpose: "review_requests",
    label: "Ask me to review what I bought",
    proof: "[2026-12] Ask me to review what I bought",
  },
]
const COMPONENTS = [
  "loyalty-balance",
  "reward-schemes",
  "referral-card",
  "loyalty-history",
  "cart-earn-line",
  "redeem-points",
  "loyalty-credit-line",
  "checkout-consents",
]
/**
 * The demo's loyalty options for the browser suite (LOYALTY_OPTIONS): its tiers with a first one
 * that one earlier order reaches (adjustments do not count for tiers), and two reward schemes, one
 * open, one closed-loop.
 */
const LOYALTY_OPTIONS = {
  tiers: {
    levels: [
      { id: "bronze", name: "Bronze", threshold: 100, multiplier: 1, color: "#b45309" },
      { id: "silver", name: "Silver", threshold: 500, multiplier: 1, color: "#9ca3af" },
      { id: "gold", name: "Gold", threshold: 2000, multiplier: 1.5, color: "#d97706" },
    ],
  },
  schemes: {
    list: [
      { id: "friends", name: "Friends of the shop", description: "Early news of new pens and lamps", signup_bonus: 50 },
      {
        id: "staff",
        name: "Staff rewards",
        description: "For the staff of Example Corp",
        multiplier: 2,
        allowed_domains: ["example-corp.com"],
      },
    ],
  },
}
const seconds = (since) => Math.round((Date.now() - since) / 1000)
// the page's locale (app.tsx): numbers as the shopper reads them
const points = (value) => new Intl.NumberFormat("en-IE").format(value)
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]

/** The shopper's account with an earlier order (through the store API) and a goodwill adjustment. */
async function prepareShopper(base, admin) {
  execFileSync(process.execPath, ["src/scripts/demo/place-order.js", SHOPPER.email], {
    cwd: root,
    env: { ...process.env, MEDUSA_URL: base, CONSENTS: "none", SHOPPER_PASSWORD: SHOPPER.password },
    encoding: "utf8",
  })
  // inside `eventually`: the first call after the blocking checkout may meet a socket the server closed
  const customerId = await eventually("the shopper's customer record", async () => {
    const { customers } = await api(base, "GET", `/admin/customers?q=${SHOPPER.email}`, { token: admin })
    return customers[0]?.id
  })
  await api(base, "POST", `/admin/engagement/contacts/${customerId}/loyalty/adjustments`, {
    token: admin,
    body: { points: ADJUSTMENT, reason: "Welcome to the test storefront" },
  })
  return customerId
}

/** Cents of a summary row (`data-cents`, written by app.tsx from the cart's or order's amount). */
async function centsOf(page, summary, row) {
  const text = await page.locator(`[data-summary=${summary}] [data-row="${row}"]`).getAttribute("data-cents")
  return Number(text)
}

/** What the shopper does in the browser, with what each screen must show. */
async function shop({ page, base, admin, key, customerId, url, shots }) {
  const loyaltyNow = async () =>
    (await api(base, "GET", `/admin/engagement/contacts/${customerId}/loyalty`, { token: admin })).loyalty

  await page.goto(url)
  await page.getByLabel("Email").fill(SHOPPER.email)
  await page.getByLabel("Password").fill(SHOPPER.password)
  await page.getByRole("button", { name: "Sign in" }).click()

  // the account area: balance and tier as the ledger has them, the way to the next tier
  const before = await loyaltyNow()
  expect(before.tier, "the shopper has a tier (the earlier order's points)")
  const balance = page.locator("[data-engagement=loyalty-balance]")
  await balance.locator(`[data-part=balance]`).getByText(points(before.balance), { exact: true }).waitFor()
  await balance.getByText(`Tier: ${before.tier.name}`).waitFor()
  const progress = balance.getByRole("progressbar")
  expect(
    Number(await progress.getAttribute("aria-valuenow")) === before.period_points,
    `the tier progress shows the ${before.period_points} points collected`
  )
  // the earlier order in the history, the adjustment among the other points
  await page.locator("[data-engagement=loyalty-history] [data-order] [data-type=earn]").first().waitFor()
  await page.locator("[data-engagement=loyalty-history]").getByText("Welcome to the test storefront").first().waitFor()

  // a scheme joined (its bonus lands in the ledger) and a friend invited
  const friends = page.locator("[data-scheme=friends]")
  await friends.getByRole("button", { name: "Join Friends of the shop" }).click()
  await friends.getByRole("button", { name: "Leave Friends of the shop" }).waitFor()
  // the change reaches the other components: the bonus in the balance and in the history
  const bonus = LOYALTY_OPTIONS.schemes.list[0].signup_bonus
  await balance
    .locator("[data-part=balance]")
    .getByText(points(before.balance + bonus), { exact: true })
    .waitFor()
  await page.locator(`[data-engagement=loyalty-history] [data-type=scheme_bonus][data-points="${bonus}"]`).waitFor()
  await page.locator("[data-scheme=staff]").getByLabel("Your example-corp.com email address").waitFor()
  const referral = page.locator("[data-engagement=referral-card]")
  await referral.locator("[data-part=code] strong").waitFor()
  await referral.getByLabel("Invite friends by email (up to 10)").fill("e2e-dora@example.com")
  await referral.getByRole("button", { name: "Send invitations" }).click()
  await referral.locator("[data-status=sent]").getByText("e2e-dora@example.com: sent").waitFor()
  await referral.getByText("1 invited, 0 joined, 0 rewarded").waitFor()

  // the cart: a pen and the lamp, delivered
  await page.getByRole("button", { name: "Add Fountain Pen" }).click()
  await page.locator("[data-summary=cart]").waitFor()
  await page.getByRole("button", { name: "Add Desk Lamp" }).click()
  await page.locator('[data-summary=cart] [data-row="Items"][data-cents="6899"]').waitFor()
  const cartId = await page.locator("[data-summary=cart]").getAttribute("data-id")

  // what the cart earns, as the plugin computes it (asked with the shopper's own token)
  const { token: shopper } = await api(base, "POST", "/auth/customer/emailpass", { body: SHOPPER })
  const { loyalty: offered } = await api(base, "GET", `/store/carts/${cartId}/loyalty-points`, { token: shopper, key })
  expect(offered.earnable > 0, "the cart earns points")
  await page
    .locator(`[data-engagement=cart-earn-line][data-points="${offered.earnable}"]`)
    .getByText(`This order earns ${offered.earnable} points`)
    .waitFor()

  // points applied: the total drops by exactly their value
  const totalBefore = await centsOf(page, "cart", "Total")
  const redeem = page.locator("[data-engagement=redeem-points]")
  expect(offered.max_applicable >= POINTS, `the cart takes ${POINTS} points (it takes ${offered.max_applicable})`)
  await redeem.getByLabel("Points to use", { exact: true }).fill(String(POINTS))
  await redeem.locator(`[data-part=value][data-points="${POINTS}"]`).waitFor()
  await redeem.getByRole("button", { name: "Use points" }).click()
  await page.locator(`[data-summary=cart] [data-engagement=loyalty-credit-line][data-points="${POINTS}"]`).waitFor()
  const valueCents = (POINTS * 100) / offered.points_per_unit
  expect(Number.isInteger(valueCents), `${POINTS} points are a whole number of cents`)
  await page.locator(`[data-summary=cart] [data-row="Total"][data-cents="${totalBefore - valueCents}"]`).waitFor()
  await page.locator(`[data-engagement=redeem-points][data-applied="${POINTS}"]`).waitFor()
  // points are earned on the money paid: the earn line follows the points applied
  const { loyalty: withPoints } = await api(base, "GET", `/store/carts/${cartId}/loyalty-points`, {
    token: shopper,
    key,
  })
  expect(withPoints.applied === POINTS, `the plugin holds ${POINTS} points on the cart`)
  await page.locator(`[data-engagement=cart-earn-line][data-points="${withPoints.earnable}"]`).waitFor()

  // the consent boxes: two ticked (one by keyboard), the third left alone
  const consents = page.locator("[data-engagement=checkout-consents]")
  await consents.getByLabel(TICKED[0].label).check()
  await consents.getByLabel(TICKED[1].label).focus()
  await page.keyboard.press("Space")
  await page.locator("[data-engagement=checkout-consents][aria-busy=false]").waitFor()
  await eventually("both boxes saved in the cart", async () => {
    const { cart } = await api(base, "GET", `/store/carts/${cartId}?fields=metadata`, { token: shopper, key })
    const saved = cart.metadata?.engagement_consents ?? {}
    return TICKED.every((box) => saved[box.purpose]?.value === "True" && saved[box.purpose]?.wording === box.proof)
  })
  for (const name of COMPONENTS) {
    await page.locator(`[data-engagement=${name}]`).first().waitFor()
  }
  await page.screenshot({ path: path.join(shots, "storefront-kit.png"), fullPage: true })
  await page.screenshot({ path: path.join(shots, "storefront-kit.small.jpg"), type: "jpeg", quality: 60 })

  // checkout; the confirmation labels the points and shows the same total
  await page.getByRole("button", { name: "Place order" }).click()
  const confirmation = page.locator("[data-order-id]")
  await confirmation.waitFor()
  const orderId = await confirmation.getAttribute("data-order-id")
  await confirmation.locator(`[data-engagement=loyalty-credit-line][data-points="${POINTS}"]`).waitFor()
  const shownTotal = await centsOf(page, "order", "Total")
  expect(
    shownTotal === totalBefore - valueCents,
    `the confirmation's total ${shownTotal} is ${totalBefore} less ${valueCents}`
  )

  await assertOrder({ base, admin, customerId, orderId, points: POINTS, expectedCents: totalBefore - valueCents })
  // the account area after the order: the points spent, in the history under the order
  await page
    .locator(`[data-engagement=loyalty-history] [data-order="${orderId}"] [data-type=redeem][data-points="-${POINTS}"]`)
    .waitFor()
}

/** What the store kept of the order, read back through the admin API. */
async function assertOrder({ base, admin, customerId, orderId, points, expectedCents }) {
  const { order } = await api(base, "GET", `/admin/orders/${orderId}?fields=id,total,customer_id,*credit_lines`, {
    token: admin,
  })
  expect(order.customer_id === customerId, "the order is the signed-in shopper's")
  expect(
    Math.round(order.total * 100) === expectedCents,
    `the order's total is ${expectedCents} cents (it is ${order.total})`
  )
  const credit = order.credit_lines.filter((line) => line.reference === "loyalty-points")
  expect(
    credit.length === 1 && Number(credit[0].metadata?.points) === points,
    `one credit line of ${points} points on the order (${JSON.stringify(order.credit_lines)})`
  )

  // the ledger: exactly one redeem row for the order, of exactly the points applied
  const redeemed = await eventually("the ledger's redeem row", async () => {
    const { transactions } = await api(
      base,
      "GET",
      `/admin/engagement/contacts/${customerId}/loyalty/transactions?type=redeem&limit=50`,
      { token: admin }
    )
    const rows = transactions.filter((row) => row.order_id === orderId)
    return rows.length ? rows : undefined
  })
  expect(
    redeemed.length === 1 && redeemed[0].type === "redeem" && redeemed[0].points === -points,
    `one redeem row of -${points} points for the order (${JSON.stringify(redeemed)})`
  )

  // the consent ledger: the ticked boxes with the wording and version shown, from the checkout; nothing for the unticked one
  const rows = await eventually("the consent ledger's rows of the order", async () => {
    const { contact } = await api(base, "GET", `/admin/engagement/contacts/${customerId}`, { token: admin })
    const ofOrder = contact.consent_history.filter((row) => row.info?.order_id === orderId)
    return ofOrder.length >= TICKED.length ? ofOrder : undefined
  })
  for (const box of TICKED) {
    const row = rows.find((candidate) => candidate.purpose === box.purpose)
    expect(
      row && row.value === "True" && row.source === "checkout" && row.wording === box.proof,
      `the ledger keeps ${box.purpose} True from the checkout with "${box.proof}" (${JSON.stringify(row)})`
    )
    expect(row.actor_type === "customer", `${box.purpose} was given by the signed-in customer`)
  }
  expect(
    rows.length === TICKED.length,
    `no row for the unticked box (${JSON.stringify(rows.map((row) => row.purpose))})`
  )
}

/** Runs the scenario; `shots` receives storefront-kit.png and the README's storefront-kit.small.jpg. */
async function storefrontScenario({ base, port, chromium: executablePath, shots }) {
  const { token: admin } = await api(base, "POST", "/auth/user/emailpass", {
    body: { email: process.env.DEMO_ADMIN_EMAIL || "admin@example.com", password: demoAdminPassword() },
  })
  const { api_keys } = await api(base, "GET", "/admin/api-keys?type=publishable", { token: admin })
  const started = Date.now()
  const customerId = await prepareShopper(base, admin)
  console.log(`storefront: the shopper's earlier order and points in ${seconds(started)} s`)
  const storefront = await startStorefront({ port, backend: base, publishableKey: api_keys[0].token })
  const browser = await chromium.launch({ executablePath, args: ARGS })
  const problems = []
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } })
    page.setDefaultTimeout(20_000)
    // no console warning or error at all: the kit's promise is a console without a word from it
    page.on("console", (message) => {
      if (["error", "warning", "assert"].includes(message.type())) {
        problems.push(`console ${message.type()}: ${message.text()}`)
      }
    })
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`))
    page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`))
    const browsing = Date.now()
    await shop({ page, base, admin, key: api_keys[0].token, customerId, url: storefront.url, shots })
    console.log(`storefront: the shopper's visit in Chromium in ${seconds(browsing)} s`)
  } catch (error) {
    const page = browser.contexts()[0]?.pages()[0]
    await page?.screenshot({ path: path.join(shots, "storefront-failure.png"), fullPage: true }).catch(() => {})
    throw new Error(`${error.message}${problems.length ? `\nthe storefront's console:\n${problems.join("\n")}` : ""}`, {
      cause: error,
    })
  } finally {
    await browser.close()
    await storefront.close()
  }
  expect(problems.length === 0, `the storefront's console:\n${problems.join("\n")}`)
}

module.exports = { storefrontScenario, LOYALTY_OPTIONS }
