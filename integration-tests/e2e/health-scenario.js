/**
 * Platform health on the Engagement page: Rejoiner answers one call 503 with its own words and an
 * hour's Retry-After, so a row waits; the Platforms tab shows Rejoiner not Healthy (the rule in a
 * tooltip), the platform's message and a link to its failed deliveries; the delivery drawer shows
 * the next try, and "Retry now" sends the row at once.
 */
const MESSAGE = "Rejoiner is down for maintenance"

async function healthScenario({ page, base, control, snap, read, placeOrder, eventually, expect }) {
  await fetch(`${control}/rejoiner/fail`, {
    method: "POST",
    body: JSON.stringify({ count: 1, status: 503, body: { message: MESSAGE }, headers: { "retry-after": "3600" } }),
  })
  placeOrder("e2e-cleo@example.com")
  const waiting = await eventually("a Rejoiner delivery waiting out its Retry-After", async () => {
    const { deliveries } = await read("/admin/engagement/deliveries?platform=rejoiner&status=pending&limit=50")
    return deliveries.find((row) => row.attempts > 0 && (row.last_error ?? "").includes("503"))
  })

  await page.goto(`${base}/app/engagement`)
  const card = page.locator("[data-platform=rejoiner]")
  const badge = card.locator("[data-platform-state]")
  // the Platforms tab refreshes on its own: it settles on the waiting row's failure
  await eventually(
    "Rejoiner's badge not Healthy",
    async () => !["healthy", null].includes(await badge.getAttribute("data-platform-state")),
    45_000
  )
  await card.locator("[data-platform-message]", { hasText: MESSAGE }).waitFor()
  await badge.hover()
  await page.getByRole("tooltip").filter({ hasText: "last attempts failed" }).first().waitFor()
  await snap("engagement-platform-health")

  const link = card.locator("[data-failed-deliveries-link]")
  const href = await link.getAttribute("href")
  expect(
    /\/engagement\?tab=deliveries&platform=rejoiner&status=failed$/.test(href ?? ""),
    `the link filters the delivery log to Rejoiner's failed rows (${href})`
  )
  await link.click()
  await page.waitForURL(/\/app\/engagement\?tab=deliveries&platform=rejoiner&status=failed$/)

  // the waiting row is not failed: the unfiltered log shows it, with its next try
  await page.goto(`${base}/app/engagement`)
  await page.getByRole("tab", { name: "Delivery log" }).click()
  // on its Next try cell: the row's middle is the customer's link, which opens the customer's page
  await page.getByRole("row").locator(`[data-next-try="${waiting.id}"]`).click()
  const drawer = page.getByRole("dialog")
  await drawer.locator(`[data-next-try="${waiting.id}"]`, { hasText: "next try" }).waitFor()
  await drawer.getByRole("button", { name: "Retry now" }).click()
  await page.getByText("Delivery queued again").first().waitFor()
  await eventually("the waiting delivery sent now", async () => {
    const { delivery } = await read(`/admin/engagement/deliveries/${waiting.id}?fields=id,status`)
    return delivery.status === "delivered"
  })
  await snap("engagement-retry-now")
  await drawer.getByRole("button", { name: "Close" }).click()
}

module.exports = { healthScenario }
