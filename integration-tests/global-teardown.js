/** Drops the run's migrated template, and stops the embedded PostgreSQL that global-setup.js started, if it started one. */
const fs = require("node:fs")
const { dropDatabase } = require("./global-setup")

module.exports = async function globalTeardown() {
  const template = process.env.ENGAGEMENT_MIGRATED_TEMPLATE
  if (template) {
    delete process.env.ENGAGEMENT_MIGRATED_TEMPLATE
    await dropDatabase(template).catch((error) => console.warn(`global-teardown: ${template} not dropped: ${error}`))
  }
  const instance = globalThis.__ENGAGEMENT_TEST_PG__
  if (!instance) {
    return
  }
  globalThis.__ENGAGEMENT_TEST_PG__ = undefined
  try {
    // stop() waits for the server's exit event, which never comes if it already died
    await Promise.race([instance.pg.stop(), new Promise((resolve) => setTimeout(resolve, 15_000).unref())])
  } finally {
    // stop() removes a non-persistent data directory itself; this covers a failed stop
    fs.rmSync(instance.dataDir, { recursive: true, force: true })
  }
}
