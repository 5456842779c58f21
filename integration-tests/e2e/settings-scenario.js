/**
 * The Settings tab of the Engagement page: the owner changes the pending period, sees the diff,
 * saves, and sees the new version in the history and in the API's answer.
 */
async function settingsScenario({ page, snap, read, adminEmail }) {
  await page.getByRole("tab", { name: "Settings" }).click()
  const pending = page.locator('[data-field="pending_days"] input')
  await pending.waitFor()
  const before = (await read("/admin/engagement/settings/loyalty-earning")).settings
  await pending.fill(String(before.values.pending_days + 3))
  await page.getByRole("button", { name: "Review and save" }).click()
  await page
    .locator('[data-change="pending_days"]')
    .getByText(`${before.values.pending_days} → ${before.values.pending_days + 3}`)
    .waitFor()
  await snap("engagement-settings-diff")
  await page.getByRole("button", { name: "Save", exact: true }).click()
  await page.locator(`[data-section="settings-history"] [data-version="${before.version + 1}"]`).waitFor()
  // who saved it, by email (the admin the suite signed in as)
  await page.getByText(`Version ${before.version + 1}, saved by ${adminEmail} on`).waitFor()
  await page
    .locator(`[data-section="settings-history"] [data-version="${before.version + 1}"]`)
    .getByText(adminEmail)
    .waitFor()
  const after = (await read("/admin/engagement/settings/loyalty-earning")).settings
  if (after.version !== before.version + 1 || after.values.pending_days !== before.values.pending_days + 3) {
    throw new Error(`the saved settings are not the ones edited: ${JSON.stringify(after)}`)
  }
  await snap("engagement-settings")
}

module.exports = { settingsScenario }
