#!/usr/bin/env node
/**
 * A shopper in Medusa's DTC starter with the recipe of docs/storefront.md applied (see try-recipe.md):
 * registers, gets points from the admin API, opens Rewards, fills a cart, sees the earn line, applies
 * points (the total must drop by exactly their value), ticks the consent box at checkout and places
 * the order with the demo's manual payment. Screenshots of each page go to SHOTS. Not run in CI.
 *
 *   BACKEND=http://localhost:9750 STOREFRONT=http://localhost:8750/de SHOTS=/tmp/shots node integration-tests/dtc/shopper.js
 */
const fs = require("node:fs")
const path = require("node:path")
const { chromium } = require("playwright-core")
const { demoAdminPassword } = require("../../src/scripts/demo/secrets")
const { api, eventually, expect } = require("../storefront/helpers")

const BACKEND = process.env.BACKEND || "http://localhost:9000"
const STOREFRONT = process.env.STOREFRONT || "http://localhost:8000/de"
const SHOTS = process.env.SHOTS || path.resolve("dtc-shots")
const SHOPPER = { email: `dtc-${Date.now().toString(36)}@example.com`, password: "shopper-password" }
const POINTS = 1000
const KEY = process.env.NEXT_PUBLIC_MEDUSA_PUBLISHABLE_KEY

async function shot(page, name) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true })
  console.log(`shot ${name}.png (${page.url()})`)
}

/** Cents of a `CartTotals` row (the starter writes the amount in `data-value`). */
async function amountOf(page, testId) {
  return Number(await page.getByTestId(testId).first().getAttribute("data-value"))
}

async function register(page) {
  await page.goto(`${STOREFRONT}/account`)
  await page.getByTestId("register-button").click()
  await page.getByTestId("first-name-input").fill("Dana")
  await page.getByTestId("last-name-input").fill("Tester")
  await page.getByTestId("email-input").fill(SHOPPER.email)
  await page.getByTestId("password-input").fill(SHOPPER.password)
  await page.getByTestId("register-button").click()
  await page.getByTestId("account-nav").waitFor()
}

async function givePoints(admin) {
  const customerId = await eventually("the shopper's customer record", async () => {
    const { customers } = await api(BACKEND, "GET", `/admin/customers?q=${SHOPPER.email}`, { token: admin })
    return customers[0]?.id
  })
  await api(BACKEND, "POST", `/admin/engagement/contacts/${customerId}/loyalty/adjustments`, {
    token: admin,
    body: { points: POINTS, reason: "Trying the DTC starter" },
  })
  return customerId
}

async function fillCart(page) {
  await page.goto(`${STOREFRONT}/store`)
  await page.locator("a[href*='/products/']").first().click()
  await page.getByTestId("add-product-button").waitFor()
  // a product with options: pick the first value of each
  for (const options of await page.getByTestId("product-options").all()) {
    await options.getByTestId("option-button").first().click()
  }
  const add = page.getByTestId("add-product-button")
  await add.click()
  // the button is disabled while the line item is added
  await eventually("the item added", async () => (await add.isEnabled()) && (await page.getByText("Cart (1)").count()))
  await page.goto(`${STOREFRONT}/cart`)
  await page.getByTestId("product-row").first().waitFor()
}

async function redeem(page) {
  const earn = page.locator("[data-engagement=cart-earn-line]")
  await eventually("the earn line", async () => Number(await earn.getAttribute("data-points")) > 0)
  console.log(`earn line: ${await earn.innerText()}`)
  const before = await amountOf(page, "cart-total")
  const control = page.locator("[data-engagement=redeem-points]")
  await control.locator("[data-part=apply]").click()
  await eventually("points applied", async () => Number(await control.getAttribute("data-applied")) > 0)
  const applied = Number(await control.getAttribute("data-applied"))
  const line = page.locator("[data-engagement=loyalty-credit-line]").first()
  await line.waitFor()
  const after = await eventually("the new total", async () => {
    const total = await amountOf(page, "cart-total")
    return total !== before && total
  })
  console.log(`total ${before} -> ${after} with ${applied} points (${await line.innerText()})`)
  return { before, after, applied }
}

/** What the points are worth on the shopper's cart, as the plugin's cart route prices them (main unit). */
async function pointsWorth(page, points) {
  const cookies = await page.context().cookies()
  const cartId = cookies.find((cookie) => cookie.name === "_medusa_cart_id").value
  const { token } = await api(BACKEND, "POST", "/auth/customer/emailpass", { body: SHOPPER })
  const { loyalty } = await api(BACKEND, "GET", `/store/carts/${cartId}/loyalty-points`, { token, key: KEY })
  return points / loyalty.points_per_unit
}

async function checkout(page) {
  await page.getByTestId("checkout-button").click()
  await page.getByTestId("shipping-first-name-input").waitFor()
  await page.getByTestId("shipping-first-name-input").fill("Dana")
  await page.getByTestId("shipping-last-name-input").fill("Tester")
  await page.getByTestId("shipping-address-input").fill("Lagerstraße 2")
  await page.getByTestId("shipping-postal-code-input").fill("20095")
  await page.getByTestId("shipping-city-input").fill("Hamburg")
  await page.getByTestId("shipping-country-select").selectOption("de")
  const email = page.getByTestId("shipping-email-input")
  if (!(await email.inputValue())) {
    await email.fill(SHOPPER.email)
  }
  await page.getByTestId("submit-address-button").click()
  await page.getByTestId("delivery-option-radio").first().click()
  await page.getByTestId("submit-delivery-option-button").click()
  await page.getByTestId("submit-payment-button").waitFor()
  await page.locator("[data-testid=payment-container], [role=radio]").first().click()
  await page.getByTestId("submit-payment-button").click()
  const consents = page.locator("[data-engagement=checkout-consents]")
  await consents.waitFor()
  await consents.getByRole("checkbox").first().check()
  await eventually("the tick saved", async () => consents.getByRole("checkbox").first().isChecked())
  await shot(page, "4-checkout-review")
  const total = await amountOf(page, "cart-total")
  await page.getByTestId("submit-order-button").click()
  await page.waitForURL(/\/order\/[^/]+\/confirmed/, { timeout: 60_000 })
  return total
}

async function main() {
  fs.mkdirSync(SHOTS, { recursive: true })
  const { token: admin } = await api(BACKEND, "POST", "/auth/user/emailpass", {
    body: { email: process.env.DEMO_ADMIN_EMAIL || "admin@example.com", password: demoAdminPassword() },
  })
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  })
  const problems = []
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } })
  page.setDefaultTimeout(30_000)
  page.on("console", (message) => message.type() === "error" && problems.push(`console: ${message.text()}`))
  page.on("response", (response) => response.status() >= 400 && problems.push(`${response.status()} ${response.url()}`))
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`))
  try {
    await register(page)
    const customerId = await givePoints(admin)
    await page.goto(`${STOREFRONT}/account/rewards`)
    await page
      .locator("[data-engagement=loyalty-balance]")
      .getByText(/1,000|1000/)
      .first()
      .waitFor()
    await page.locator("[data-engagement=loyalty-history] [data-type=adjust]").waitFor()
    await shot(page, "1-rewards")
    await page.goto(`${STOREFRONT}/account/referral`)
    await page.locator("[data-engagement=referral-card]").waitFor()
    await shot(page, "2-referral")
    await fillCart(page)
    const { before, after, applied } = await redeem(page)
    await shot(page, "3-cart")
    const worth = await pointsWorth(page, applied)
    expect(Math.abs(before - after - worth) < 0.005, `the total drops by ${worth}, not ${before - after}`)
    const reviewed = await checkout(page)
    await page.locator("[data-engagement=loyalty-credit-line]").first().waitFor()
    await shot(page, "5-confirmed")
    const orderId = page.url().match(/\/order\/([^/]+)\/confirmed/)[1]
    const { order } = await api(BACKEND, "GET", `/admin/orders/${orderId}?fields=id,total,*credit_lines,metadata`, {
      token: admin,
    })
    expect(Math.abs(order.total - reviewed) < 0.005, `the order's total ${order.total} is the review's ${reviewed}`)
    const consented = await eventually("the checkout consent in the ledger", async () => {
      const { contact } = await api(BACKEND, "GET", `/admin/engagement/contacts/${customerId}`, { token: admin })
      return contact.consent_history.find((row) => row.info?.order_id === orderId && row.source === "checkout")
    })
    expect(
      consented.purpose === "email_marketing" &&
        consented.value === "True" &&
        consented.wording === "[2026-12] Email me offers",
      `the ledger keeps the ticked box (${JSON.stringify(consented)})`
    )
    const redeemed = await eventually("the ledger's redeem row", async () => {
      const path = `/admin/engagement/contacts/${customerId}/loyalty/transactions?type=redeem&limit=50`
      const { transactions } = await api(BACKEND, "GET", path, { token: admin })
      return transactions.find((row) => row.order_id === orderId)
    })
    expect(redeemed.points === -applied, `the order redeemed ${applied} points (${redeemed.points})`)
    console.log(
      `order ${orderId}: total ${order.total}; ${consented.purpose} ${consented.value} "${consented.wording}"`
    )
    await page.goto(`${STOREFRONT}/account/orders/details/${orderId}`)
    await page.locator("[data-engagement=loyalty-credit-line]").first().waitFor()
    await shot(page, "6-account-order")
    console.log("the shopper got through")
  } catch (error) {
    await shot(page, "failure").catch(() => {})
    throw error
  } finally {
    if (problems.length) {
      console.log(`the page's console:\n${problems.join("\n")}`)
    }
    await browser.close()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
