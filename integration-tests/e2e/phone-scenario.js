/* global document, getComputedStyle -- the checks run in the page, through page.evaluate */
/**
 * The admin on a phone (390 × 844, an iPhone's CSS width): the Engagement page and a customer page
 * fit the screen, nothing pushes the page sideways (wide tables scroll inside their card, the tabs
 * scroll, ids end in an ellipsis), and each is screenshotted for docs/admin.md.
 */
const PHONE = { width: 390, height: 844 }
// a pixel of rounding in the browser's layout is not an overflow
const TOLERANCE = 2

/**
 * The page body no wider than the phone, and no element past its right edge unless a box that
 * scrolls sideways (a table's card, the tabs) holds it: Medusa's layout scrolls its main column
 * itself, so an overflow there would not widen the document yet still cut the content off.
 */
async function expectNoSidewaysScroll(page, what) {
  const { scrollWidth, cut } = await page.evaluate((tolerance) => {
    const width = document.documentElement.clientWidth
    const scrolls = (element) => ["auto", "scroll"].includes(getComputedStyle(element).overflowX)
    const heldByScroller = (element) => {
      for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
        if (scrolls(box) && box.getBoundingClientRect().right <= width + tolerance) {
          return true
        }
      }
      return false
    }
    const cut = [...document.querySelectorAll("body *")]
      .filter((element) => element.getBoundingClientRect().right > width + tolerance && !heldByScroller(element))
      .map((element) => `${element.tagName.toLowerCase()}.${String(element.className).slice(0, 60)}`)
    return { scrollWidth: document.documentElement.scrollWidth, cut: cut.slice(0, 3) }
  }, TOLERANCE)
  if (scrollWidth > PHONE.width + TOLERANCE || cut.length) {
    throw new Error(
      `assertion failed: ${what} is ${scrollWidth} px wide on a ${PHONE.width} px phone, past its edge: ${cut.join(" | ")}`
    )
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
