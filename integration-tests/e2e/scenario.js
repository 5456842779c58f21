/**
 * What the browser suite does once the demo answers: orders through the store API, a failure at
 * Rejoiner, then each admin screen asserted and screenshotted.
 */
const { execFileSync } = require("node:child_process")
const fs = require("node:fs")
const path = require("node:path")
const { chromium } = require("playwright-core")
const { demoAdminPassword } = require("../../src/scripts/demo/secrets")
const { chartsScenario } = require("./charts-scenario")
const { settingsScenario } = require("./settings-scenario")
const { healthScenario } = require("./health-scenario")
const { wordsScenario } = require("./words-scenario")
const { phoneScenario } = require("./phone-scenario")

const root = path.resolve(__dirname, "../..")
const ADMIN = {
  email: process.env.DEMO_ADMIN_EMAIL || "admin@example.com",
  // read once the demo runs: its first run generates the password
  get password() {
    return demoAdminPassword()
  },
}
// the admin's first load compiles its bundle: long timeouts
const SLOW = 180_000
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
]

/**
 * Console lines that are not the plugin's: demo thumbnails on an outside host, 4xx answers the
 * suite provokes, React's development warnings raised inside Medusa's own dashboard components
 * (e.g. its order summary nests a <div> in a <p>), and react-router's note that Medusa's router has
 * no HydrateFallback. A React warning whose component stack passes through the plugin's
 * `src/admin` still fails the suite, and so does every other warning: react-aria's unlabelled
 * fields and Radix's dialogs without a Description (console.warn, no component stack) are raised
 * only by the plugin's own dialogs and pickers on the screens the suite opens.
 */
const ignorable = (text) =>
  /ERR_NAME_NOT_RESOLVED/.test(text) ||
  /status of 4\d\d/.test(text) ||
  /No `HydrateFallback` element provided/.test(text) ||
  (/^Warning: /.test(text) && !text.includes("/src/admin/"))

async function api(base, method, route, body, token) {
  const response = await fetch(`${base}${route}`, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const data = await response.json().catch(() => ({}))
  if (!response.ok) {
    throw new Error(`${method} ${route} -> ${response.status}: ${JSON.stringify(data)}`)
  }
  return data
}

function placeOrder(base, email, env = {}) {
  const out = execFileSync(process.execPath, ["src/scripts/demo/place-order.js", email], {
    cwd: root,
    env: { ...process.env, MEDUSA_URL: base, ...env },
    encoding: "utf8",
  })
  return /Order (order_\w+)/.exec(out)[1]
}

async function eventually(what, check, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const value = await check().catch(() => undefined)
    if (value) {
      return value
    }
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  throw new Error(`timed out waiting for ${what}`)
}

/** When each delivery was last attempted, by id. */
async function attemptedAt(base, token, ids) {
  const rows = await Promise.all(
    ids.map((id) => api(base, "GET", `/admin/engagement/deliveries/${id}?fields=id,last_attempt_at`, undefined, token))
  )
  return new Map(rows.map(({ delivery }) => [delivery.id, delivery.last_attempt_at]))
}

/** True once every delivery has been attempted since `before`. */
async function attemptedAgain(base, token, before) {
  const now = await attemptedAt(base, token, [...before.keys()])
  return [...before].every(([id, at]) => now.get(id) && (!at || new Date(now.get(id)) > new Date(at)))
}

function expect(condition, message) {
  if (!condition) {
    throw new Error(`assertion failed: ${message}`)
  }
}

async function scenario({ base, control, chromium: executablePath, shots }) {
  const { token } = await api(base, "POST", "/auth/user/emailpass", ADMIN)
  // ExpertSender refuses Ada's contact for good: its sync stops in error, which "Sync again" restarts
  await fetch(`${control}/expertsender/fail`, { method: "POST", body: JSON.stringify({ count: 20, status: 400 }) })
  const orderId = placeOrder(base, "e2e-ada@example.com")
  // Bob comes with Ada's referral code in his first cart (place-order.js's shopper password)
  // (inside `eventually`: the first call after the blocking checkout may meet a socket the server closed)
  const adaCode = await eventually("Ada's referral code", async () => {
    const { api_keys } = await api(base, "GET", "/admin/api-keys?type=publishable", undefined, token)
    const { token: adaToken } = await api(base, "POST", "/auth/customer/emailpass", {
      email: "e2e-ada@example.com",
      password: "shopper-password",
    })
    const headers = { authorization: `Bearer ${adaToken}`, "x-publishable-api-key": api_keys[0].token }
    return (await (await fetch(`${base}/store/engagement/referral`, { headers })).json()).referral?.code
  })
  // Rejoiner refuses the next calls for good (400): their deliveries end as failed
  await fetch(`${control}/rejoiner/fail`, { method: "POST", body: JSON.stringify({ count: 2, status: 400 }) })
  const bobOrderId = placeOrder(base, "e2e-bob@example.com", { REFERRAL_CODE: adaCode })
  await eventually("a failed delivery", async () => {
    const { deliveries } = await api(
      base,
      "GET",
      "/admin/engagement/deliveries?status=failed&platform=rejoiner",
      undefined,
      token
    )
    return deliveries.length ? deliveries : undefined
  })
  const { customers } = await api(base, "GET", "/admin/customers?q=e2e-ada@example.com", undefined, token)
  const customerId = customers[0].id
  const expertSenderSync = async () => {
    const { contact } = await api(base, "GET", `/admin/engagement/contacts/${customerId}`, undefined, token)
    return (contact.sync ?? []).find((row) => row.platform === "expertsender")
  }
  await eventually(
    "ExpertSender's sync of Ada stopped in error",
    async () => (await expertSenderSync())?.status === "error"
  )

  const browser = await chromium.launch({ executablePath, args: ARGS })
  const errors = []
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } })
    page.setDefaultTimeout(30_000)
    page.on(
      "console",
      (message) =>
        ["error", "warning"].includes(message.type()) &&
        !ignorable(message.text()) &&
        errors.push(`${message.type()}: ${message.text()}`)
    )
    page.on("pageerror", (error) => errors.push(error.message))
    const snap = async (name) => {
      // Medusa's font (Inter) drawn, and no toast over the content: each goes within seconds
      await page.evaluate("document.fonts.ready.then(() => true)")
      await page
        .locator("[data-sonner-toast]")
        .first()
        .waitFor({ state: "detached", timeout: 15_000 })
        // still there (the pointer rests on it): the picture is taken all the same
        .catch(() => undefined)
      await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true })
      // the copy in docs/ (docs/admin.md): the first screen only, as a JPEG of a few dozen kB
      await page.screenshot({ path: path.join(shots, `${name}.small.jpg`), fullPage: false, type: "jpeg", quality: 60 })
    }

    await page.goto(`${base}/app/login`, { timeout: SLOW })
    await page.fill("input[name=email]", ADMIN.email, { timeout: SLOW })
    await page.fill("input[name=password]", ADMIN.password)
    await page.click("button[type=submit]")
    await page.waitForURL(/\/app\/orders/, { timeout: SLOW })

    // the customer page: contact profile, loyalty (adjust points), deliveries (sync again)
    await page.goto(`${base}/app/customers/${customerId}`)
    await page.getByRole("heading", { name: "Loyalty" }).waitFor()
    await page.getByRole("heading", { name: "Contact profile" }).waitFor()
    // the loyalty card's referrals: Ada referred Bob, awarded with his first order
    await page.getByText("Referrals made (1)").waitFor()
    await page.locator("[data-testid=loyalty-relations]").getByText("e2e-bob@example.com").waitFor()
    // ExpertSender answers again only now: until here any change to Ada (the referral award of
    // Bob's order, a points adjustment) syncs her again, and would take her out of error unasked
    await eventually(
      "ExpertSender's sync of Ada still in error",
      async () => (await expertSenderSync())?.status === "error"
    )
    await fetch(`${control}/expertsender/reset`, { method: "POST" })
    await page.getByRole("button", { name: "Sync again" }).first().click()
    await page.getByText("ExpertSender: the contact is sent again").first().waitFor()
    await eventually(
      "ExpertSender's sync of Ada out of error",
      async () => (await expertSenderSync())?.status !== "error"
    )
    await page.getByRole("button", { name: "Adjust points" }).click()
    await page.fill("#loyalty-points", "50")
    await page.fill("#loyalty-reason", "e2e goodwill")
    await page.getByRole("button", { name: "Save" }).click()
    await page.getByText("Points adjusted").first().waitFor()
    await snap("customer-page")

    // Export: a JSON file named after the customer, holding their contact
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export", exact: true }).click(),
    ])
    expect(
      download.suggestedFilename() === `engagement-e2e-ada@example.com-${customerId}.json`,
      `export named after the customer (${download.suggestedFilename()})`
    )
    const exported = JSON.parse(fs.readFileSync(await download.path(), "utf8"))
    expect(exported.contact?.customer_id === customerId, "the export holds the customer's contact")

    // Block spending with a reason shown on the badge, then unblock behind a confirmation
    await page.getByRole("button", { name: "Block spending" }).click()
    await page.fill("#spending-block-reason", "e2e chargeback")
    await page.getByRole("dialog").getByRole("button", { name: "Block", exact: true }).click()
    await page.locator("[data-testid=spending-blocked]", { hasText: "e2e chargeback" }).waitFor()
    await page.getByRole("button", { name: "Unblock spending" }).click()
    await page.fill("#spending-block-reason", "e2e cleared")
    await page.getByRole("alertdialog").getByRole("button", { name: "Unblock", exact: true }).click()
    await page.getByText("Spending unblocked").first().waitFor()
    await page.locator("[data-testid=spending-blocked]").waitFor({ state: "detached" })

    // the order page: its engagement card
    await page.goto(`${base}/app/orders/${orderId}`)
    await page.getByRole("heading", { name: "Engagement" }).waitFor()
    await page.getByText("Rejoiner").first().waitFor()
    await snap("order-page")

    // Engagement page, Platforms: every platform, counts, the failure, no secret
    await page.goto(`${base}/app/engagement`)
    const rejoiner = page.locator("[data-platform=rejoiner]")
    await rejoiner.waitFor()
    for (const id of ["recensus", "rejoiner", "expertsender", "engage", "crmcom"]) {
      await page.locator(`[data-platform=${id}]`).waitFor()
    }
    // the section refreshes on its own: it settles on the outbox's own count
    const shown = rejoiner.locator("[data-window=all] [data-count=failed] span")
    await eventually("Platforms showing the failed Rejoiner deliveries the API lists", async () => {
      const { count } = await api(
        base,
        "GET",
        "/admin/engagement/deliveries?status=failed&platform=rejoiner&limit=1",
        undefined,
        token
      )
      return count > 0 && Number(await shown.innerText()) === count
    })
    const body = await page.content()
    expect(
      !body.includes("rj-test-key") && !body.includes("test-secret"),
      "no platform key or secret on the Platforms section"
    )
    await snap("engagement-platforms")

    // Delivery log: the drawer and retry of one, then bulk retry of the filtered failed rows
    await page.getByRole("tab", { name: "Delivery log" }).click()
    await page.getByRole("heading", { name: "Delivery log" }).waitFor()
    // on the Created cell: the row's middle is the customer's link, which opens the customer's page
    await page.getByRole("row").filter({ hasText: "failed" }).first().getByRole("cell").nth(1).click()
    await page.getByRole("dialog").getByText("Technical details").click()
    await page.getByText("Payload", { exact: true }).waitFor()
    await snap("engagement-delivery-drawer")
    const openedId = /engdel_\w+/.exec(
      await page.getByRole("dialog").locator("[data-technical-details]").innerText()
    )[0]
    const before = await attemptedAt(base, token, [openedId])
    await page.getByRole("dialog").getByRole("button", { name: "Retry" }).click()
    await page.getByText("Delivery queued again").first().waitFor()
    await page.getByRole("dialog").getByRole("button", { name: "Close" }).click()
    // sent again: the platform is asked anew (whatever it answers this time)
    await eventually("the retried delivery attempted again", async () => attemptedAgain(base, token, before))

    const { deliveries: stillFailed } = await api(
      base,
      "GET",
      "/admin/engagement/deliveries?status=failed&platform=rejoiner",
      undefined,
      token
    )
    expect(stillFailed.length > 0, "failed Rejoiner deliveries left for the bulk retry")
    const beforeBulk = await attemptedAt(
      base,
      token,
      stillFailed.map((row) => row.id)
    )
    const { count: retryable } = await api(
      base,
      "GET",
      "/admin/engagement/deliveries?status[]=failed&status[]=dead&limit=1",
      undefined,
      token
    )
    await page.getByRole("button", { name: "Retry failed and dead (filtered)" }).click()
    // the confirmation states the server's count of the rows the filters select
    const confirmRetry = page.getByRole("alertdialog")
    await confirmRetry.getByText(`Retry ${retryable} ${retryable === 1 ? "delivery" : "deliveries"}?`).waitFor()
    await confirmRetry.getByRole("button", { name: "Retry" }).click()
    await page
      .getByText(/\d+ queued again/)
      .first()
      .waitFor()
    await eventually("every failed row attempted again", async () => attemptedAgain(base, token, beforeBulk))
    await snap("engagement-delivery-log")
    await wordsScenario({ page, snap, read: (route) => api(base, "GET", route, undefined, token), orderId })

    // Review requests: send one now
    await page.getByRole("tab", { name: "Review requests" }).click()
    const orderLink = async (id) =>
      page.getByRole("link", {
        name: `#${(await api(base, "GET", `/admin/orders/${id}?fields=display_id`, undefined, token)).order.display_id}`,
        exact: true,
      })
    const scheduled = page.getByRole("row").filter({ has: await orderLink(orderId) })
    await scheduled.getByText("scheduled").waitFor()
    await scheduled.getByRole("button").last().click()
    await page.getByRole("menuitem", { name: "Send now" }).click()
    await page
      .getByText(/Review request (sent|handed to Recensus)/)
      .first()
      .waitFor()
    await eventually("the review request sent", async () => {
      const { review_requests } = await api(
        base,
        "GET",
        `/admin/engagement/review-requests?order_id=${orderId}`,
        undefined,
        token
      )
      return review_requests[0].status === "sent" || undefined
    })
    // a finished row opens no empty menu: it has none
    await eventually("the sent row without a menu", async () => (await scheduled.getByRole("button").count()) === 0)
    // cancel Bob's scheduled request with a reason, behind a confirmation
    const bobs = page.getByRole("row").filter({ has: await orderLink(bobOrderId) })
    await bobs.getByRole("button", { name: /Actions for/ }).click()
    await page.getByRole("menuitem", { name: "Cancel" }).click()
    await page.fill("#review-cancel-reason", "e2e: the shopper asked by phone")
    await page.getByRole("alertdialog").getByRole("button", { name: "Cancel request" }).click()
    await page.getByText("Review request canceled").first().waitFor()
    await bobs.getByText("e2e: the shopper asked by phone").waitFor()
    await snap("engagement-review-requests")

    // Loyalty programme: the liability, with the adjustment made above
    await page.getByRole("tab", { name: "Loyalty programme" }).click()
    await page.locator("[data-figure=outstanding]").waitFor()
    await page.getByText("e2e goodwill").first().waitFor()
    // the adjustment's admin by email, not by id
    await page.locator("td", { hasText: ADMIN.email }).first().waitFor()
    await snap("engagement-loyalty")
    await chartsScenario({ page, snap, read: (route) => api(base, "GET", route, undefined, token) })

    // Erase Bob: the owner types his email; the page then says when and by whom, and the writes are off
    const { customers: bobs2 } = await api(base, "GET", "/admin/customers?q=e2e-bob@example.com", undefined, token)
    await page.goto(`${base}/app/customers/${bobs2[0].id}`)
    await page.getByRole("button", { name: "Erase", exact: true }).click()
    const erasePrompt = page.getByRole("alertdialog")
    await erasePrompt.locator("#verificationText").fill("e2e-bob@example.com")
    await erasePrompt.getByRole("button", { name: "Erase", exact: true }).click()
    await page.getByRole("dialog").getByText("Customer erased").waitFor()
    await page.getByRole("dialog").locator("[data-testid=erasure-platforms]").waitFor()
    await page.getByRole("dialog").getByRole("button", { name: "Done" }).click()
    await page
      .locator("[data-testid=erasure-notice]", { hasText: `by Admin` })
      .or(page.locator("[data-testid=erasure-notice]", { hasText: ADMIN.email }))
      .first()
      .waitFor()
    expect(
      await page.getByRole("button", { name: "Adjust points" }).isDisabled(),
      "Adjust points is off for an erased customer"
    )
    expect(
      await page.getByRole("button", { name: "Block spending" }).isDisabled(),
      "Block is off for an erased customer"
    )
    await page.locator("[data-testid=loyalty-erased]", { hasText: "Erased on" }).waitFor()
    await snap("customer-erased")
    // back on the Engagement page for its Settings tab
    await page.goto(`${base}/app/engagement`)
    await settingsScenario({
      page,
      snap,
      read: (route) => api(base, "GET", route, undefined, token),
      adminEmail: ADMIN.email,
    })
    await healthScenario({
      page,
      base,
      control,
      snap,
      read: (route) => api(base, "GET", route, undefined, token),
      placeOrder: (email) => placeOrder(base, email),
      eventually,
      expect,
    })
    await phoneScenario({ page, snap, base, customerId })
  } finally {
    await browser.close()
  }
  expect(errors.length === 0, `console errors and warnings:\n${errors.join("\n")}`)
}

module.exports = { scenario }
