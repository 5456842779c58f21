/**
 * Review requests: the send-date drawer of a scheduled request, its date picker named by its
 * label (react-aria warns on the console for each unnamed date segment, which fails the suite),
 * then closed without saving.
 */
async function rescheduleScenario({ page }) {
  await page.getByRole("tab", { name: "Review requests" }).click()
  await page
    .getByRole("button", { name: /Actions for/ })
    .first()
    .click()
  await page.getByRole("menuitem", { name: "Change the send date" }).click()
  const drawer = page.getByRole("dialog")
  await drawer.getByRole("group", { name: "Send at" }).waitFor()
  await drawer.getByRole("button", { name: "Cancel" }).click()
  await drawer.waitFor({ state: "detached" })
}

module.exports = { rescheduleScenario }
