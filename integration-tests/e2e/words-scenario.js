/**
 * The admin in words (issue #26): on the Delivery log, the owner filters by the order's number
 * ("#5") and sees the order's number, the customer's name and the platforms' display names, never
 * the ids; the drawer is titled by what happened. Runs on the Engagement page's Delivery log tab.
 */
async function wordsScenario({ page, snap, read, orderId }) {
  const { order } = await read(`/admin/orders/${orderId}?fields=id,display_id`)
  const number = `#${order.display_id}`
  const { deliveries, count } = await read(`/admin/engagement/deliveries?order_id=${orderId}&limit=100`)
  if (!count || deliveries.some((row) => row.order?.display_id !== order.display_id)) {
    throw new Error(`the deliveries of ${orderId} do not name it ${number}: ${JSON.stringify(deliveries[0])}`)
  }

  // the funnel is the toolbar's first button (it has a tooltip, no name)
  const toolbar = page.getByRole("heading", { name: "Delivery log" }).locator("..")
  await toolbar.getByRole("button").first().click()
  await page.getByRole("menuitem", { name: "Order" }).click()
  const input = page.getByPlaceholder("#5")
  await input.fill(number)
  await input.press("Enter")
  await page.keyboard.press("Escape")

  const rows = page.locator("tbody tr")
  const ofOrder = rows.filter({ has: page.getByRole("link", { name: number, exact: true }) })
  const deadline = Date.now() + 30_000
  while ((await rows.count()) !== Math.min(count, 20) || (await ofOrder.count()) !== (await rows.count())) {
    if (Date.now() > deadline) {
      throw new Error(`the log filtered by ${number} shows ${await rows.count()} rows, ${count} expected`)
    }
    await page.waitForTimeout(500)
  }
  // the platforms' display names and the customer's name, not their ids
  await ofOrder.filter({ hasText: "Rejoiner" }).first().waitFor()
  await ofOrder.filter({ hasText: "Conversion" }).first().waitFor()
  await ofOrder.getByText("Sam Shopper").first().waitFor()
  const text = await page.locator("tbody").innerText()
  if (/\border_\w+|\bcus_\w+/.test(text)) {
    throw new Error(`the delivery log shows an order's or a customer's id: ${text.slice(0, 500)}`)
  }
  await snap("engagement-delivery-log-words")

  // the drawer says what happened, the raw call behind "Technical details"
  // on the Operation cell: the row's middle is the customer's link, which opens the customer's page
  await ofOrder.filter({ hasText: "Conversion" }).first().getByText("Conversion").click()
  await page
    .getByRole("dialog")
    .getByRole("heading", { name: `Conversion of order ${number} to Rejoiner` })
    .waitFor()
  await page.getByRole("dialog").getByText("Technical details").click()
  await page.getByRole("dialog").getByText("Payload", { exact: true }).waitFor()
  await snap("engagement-delivery-drawer-words")
  await page.getByRole("dialog").getByRole("button", { name: "Close" }).click()
}

module.exports = { wordsScenario }
