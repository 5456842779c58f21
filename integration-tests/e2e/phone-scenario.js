/**
 * The admin on a phone (390 × 844, an iPhone's CSS width): the Engagement page and a customer page
 * fit the screen, nothing pushes the page sideways (wide tables scroll inside their card, the tabs
 * scroll, ids end in an ellipsis), and each is screenshotted for docs/admin.md.
 */
const PHONE = { width: 390, height: 844 }
// a pixel of rounding in the browser's layout is not an overflow
const TOLERANCE = 2

async function expectNoSidewaysScroll(page, what) {
  const { scrollWidth, culprit } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth
    // the widest element past the right edge names what to fix when the assertion fails
    const wide = [...document.querySelectorAll("body *")]
      .filter((element) => element.getBoundingClientRect().right > width + 2)
      .map((element) => `${element.tagName.toLowerCase()}.${String(element.className).slice(0, 60)}`)
    return { scrollWidth: document.documentElement.scrollWidth, culprit: wide.slice(0, 3).join(" | ") }
  })
  if (scrollWidth > PHONE.width + TOLERANCE) {
    throw new Error(`assertion failed: ${what} is ${scrollWidth} px wide on a ${PHONE.width} px phone (${culprit})`)
  }
}

async function phoneScenario({ page, snap, base, customerId }) {
  const desktop = page.viewportSize()
  await page.setViewportSize(PHONE)
  try {
    await page.goto(`${base}/app/engagement?tab=deliveries`)
    await page.getByRole("heading", { name: "Delivery log" }).waitFor()
    await page.getByRole("row").nth(1).waitFor()
    await expectNoSidewaysScroll(page, "the Engagement page's delivery log")
    await snap("phone-engagement")

    await page.goto(`${base}/app/engagement?tab=loyalty`)
    await page.locator("[data-figure=outstanding]").waitFor()
    await expectNoSidewaysScroll(page, "the Engagement page's loyalty programme")

    await page.goto(`${base}/app/customers/${customerId}`)
    await page.getByRole("heading", { name: "Loyalty" }).waitFor()
    await page.getByRole("heading", { name: "Contact profile" }).waitFor()
    await expectNoSidewaysScroll(page, "the customer page")
    await snap("phone-customer")
  } finally {
    await page.setViewportSize(desktop)
  }
}

module.exports = { phoneScenario, expectNoSidewaysScroll }
