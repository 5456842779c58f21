/**
 * The charts of the Engagement page: each chart's hidden table of numbers must be the figures its
 * route answers (the suite's orders, adjustment and review request among them),
 * every tier of the settings is listed (members or not), and each chart tab is screenshotted.
 */

/** A chart's hidden table as rows of numbers by series key, in the order drawn. */
async function chartRows(page, id) {
  const table = page.locator(`table[data-chart-table="${id}"]`)
  await table.waitFor({ state: "attached" })
  return await table.evaluate((element) =>
    [...element.querySelectorAll("tbody tr")].map((row) =>
      Object.fromEntries([...row.querySelectorAll("td")].map((cell) => [cell.dataset.series, Number(cell.textContent)]))
    )
  )
}

/** Waits until the chart shows what the route answers now (both refresh on their own: read them again until they agree). */
async function expectChart(page, id, expected, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  let shown
  let wanted
  while (Date.now() < deadline) {
    shown = await chartRows(page, id)
    wanted = await expected()
    if (JSON.stringify(shown) === JSON.stringify(wanted)) {
      const label = await page.locator(`[data-chart="${id}"] svg[role=img]`).getAttribute("aria-label")
      if (!label) {
        throw new Error(`the chart ${id} has no aria-label`)
      }
      return shown
    }
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  throw new Error(`the chart ${id} shows ${JSON.stringify(shown)}, its route answers ${JSON.stringify(wanted)}`)
}

const pick = (rows, keys) => rows.map((row) => Object.fromEntries(keys.map((key) => [key, row[key]])))

async function chartsScenario({ page, snap, read }) {
  // Platforms: deliveries by outcome, 24 hours then 7 days
  await page.getByRole("tab", { name: "Platforms" }).click()
  const platformsOver = async (window) =>
    pick((await read(`/admin/engagement/platforms/stats?window=${window}`)).stats.platforms, [
      "delivered",
      "failed",
      "waiting",
    ])
  const day = await expectChart(page, "platform-deliveries", () => platformsOver("24h"))
  if (!day.some((row) => row.delivered > 0)) {
    throw new Error(`the last 24 hours show no delivery: ${JSON.stringify(day)}`)
  }
  await page.locator('[data-section="platform-charts"]').scrollIntoViewIfNeeded()
  await snap("charts-platforms-24h")
  await page.getByRole("button", { name: "Last 7 days" }).click()
  await page.locator('[data-section="platform-charts"] [data-window="7d"]').waitFor()
  await expectChart(page, "platform-deliveries", () => platformsOver("7d"))
  await snap("charts-platforms-7d")

  // Review requests: the funnel per week and the skip reasons
  await page.getByRole("tab", { name: "Review requests" }).click()
  const reviews = async () => (await read(`/admin/engagement/review-requests/stats`)).stats
  const funnel = await expectChart(page, "review-funnel", async () =>
    pick((await reviews()).weeks, ["scheduled", "sent", "clicked", "reviewed"])
  )
  if (funnel.length !== 12 || funnel.reduce((sum, week) => sum + week.sent, 0) < 1) {
    throw new Error(`the funnel has no request sent: ${JSON.stringify(funnel)}`)
  }
  if ((await reviews()).skip_reasons.length) {
    await expectChart(page, "review-skips", async () =>
      (await reviews()).skip_reasons.map((row) => ({ count: row.count }))
    )
  }
  await page.locator('[data-section="review-request-charts"]').scrollIntoViewIfNeeded()
  await snap("charts-review-requests")

  // Loyalty programme: points per week, the liability, tiers with their rules
  await page.getByRole("tab", { name: "Loyalty programme" }).click()
  const loyalty = async () => (await read(`/admin/engagement/loyalty/stats`)).stats
  const points = await expectChart(page, "loyalty-points", async () =>
    pick((await loyalty()).weeks, ["issued", "redeemed", "expired"])
  )
  if (points.reduce((sum, week) => sum + week.issued, 0) < 50) {
    throw new Error(`the points issued miss the orders and the adjustment: ${JSON.stringify(points)}`)
  }
  const outstanding = await expectChart(page, "loyalty-outstanding", async () =>
    pick((await loyalty()).weeks, ["outstanding"])
  )
  const figure = Number((await page.locator("[data-figure=outstanding]").textContent()).replace(/\D/g, ""))
  if (outstanding[11].outstanding !== figure) {
    throw new Error(`the liability line ends at ${outstanding[11].outstanding}, the figure says ${figure}`)
  }
  const stats = await loyalty()
  await expectChart(page, "loyalty-tiers", async () =>
    (await loyalty()).tiers.map((tier) => ({ members: tier.members }))
  )
  for (const tier of stats.tiers) {
    await page
      .locator(`[data-section="tiers"] [data-tier="${tier.id ?? "none"}"]`)
      .getByText(`×${tier.multiplier}`)
      .waitFor()
  }
  await page.locator("[data-figure=redemption-rate]").waitFor()
  await page.locator('[data-section="loyalty-charts"]').scrollIntoViewIfNeeded()
  await snap("charts-loyalty")
}

module.exports = { chartsScenario }
