#!/usr/bin/env node
/**
 * `npm run demo`: a demo store with the plugin, from a clean clone with no database server.
 *
 * 1. PostgreSQL: DATABASE_URL when set, else an embedded server with its data in
 *    `.demo-data/pg` (git-ignored; delete the folder to start over).
 * 2. `medusa db:migrate`, then the idempotent seed (src/scripts/demo/seed.ts).
 *    No secret has a default: unless set in the environment, the demo makes each one (JWT_SECRET,
 *    COOKIE_SECRET, ENGAGEMENT_LINK_SECRET, LOYALTY_CODE_SECRET, the admin's DEMO_ADMIN_PASSWORD)
 *    at random on its first run and keeps it in `.demo-data/`, so they stay valid across runs.
 * 3. `medusa develop` on PORT (default 9000) until Ctrl+C / SIGTERM, which stops Medusa
 *    first and PostgreSQL after it.
 */
const fs = require("node:fs")
const path = require("node:path")
const { ensureDatabase, startEmbeddedPostgres } = require("./database")
const { runMedusa, startMedusa, stopGroup } = require("./processes")
const { dataRoot, demoSecret } = require("./secrets")

const root = path.resolve(__dirname, "../../..")
const summaryFile = path.join(dataRoot, "summary.json")
const DATABASE_NAME = "medusa_engagement_demo"

// the same .env files medusa-config.ts reads, so a DATABASE_URL kept there is honoured
require("@medusajs/framework/utils").loadEnv(process.env.NODE_ENV || "development", root)

const port = process.env.PORT || "9000"
const pgPort = Number(process.env.DEMO_PG_PORT || 54329)
const medusaCli = require.resolve("@medusajs/cli/cli.js", { paths: [root] })

let embedded // the embedded server, when this run started one
let current // the Medusa command running now
let shuttingDown = false

async function main() {
  fs.mkdirSync(dataRoot, { recursive: true })
  const databaseUrl = await prepareDatabase()
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: port,
    MEDUSA_DISABLE_TELEMETRY: "true",
    DEMO_SUMMARY_FILE: summaryFile,
    // sign the admin's and shoppers' tokens and session cookies (medusa-config.ts has no default)
    JWT_SECRET: process.env.JWT_SECRET || generated("jwt-secret", "a JWT secret"),
    COOKIE_SECRET: process.env.COOKIE_SECRET || generated("cookie-secret", "a cookie secret"),
    ENGAGEMENT_LINK_SECRET: process.env.ENGAGEMENT_LINK_SECRET || generated("link-secret", "a link secret"),
    // keys the HMAC of reward-scheme verification codes (required once a closed-loop scheme is configured)
    LOYALTY_CODE_SECRET: process.env.LOYALTY_CODE_SECRET || generated("code-secret", "a code secret"),
    // the seeded admin's password, printed once the server answers
    DEMO_ADMIN_PASSWORD:
      process.env.DEMO_ADMIN_PASSWORD || generated("admin-password", "the admin password", { bytes: 12 }),
  }
  const options = { cwd: root, env }
  const track = (running) => (current = running)

  step("migrating the database")
  // --execute-safe-links: never stop at the interactive "delete these link tables?" prompt
  await runMedusa(medusaCli, ["db:migrate", "--execute-safe-links"], options, track)
  step("seeding the demo store")
  await runMedusa(medusaCli, ["exec", "./src/scripts/demo/seed.ts"], options, track)

  step(`starting Medusa on port ${port}`)
  current = startMedusa(medusaCli, ["develop"], options)
  announceWhenHealthy(current)
  const { code, signal } = await current.exited
  if (!shuttingDown) {
    // develop keeps running through server crashes; it ending by itself is an error
    await shutdown(code || 1, `medusa develop exited (${signal ?? `exit code ${code}`})`)
  }
}

/** A secret of the demo's own: random, made on the first run, readable by this user only. */
function generated(name, what, options = {}) {
  return demoSecret(name, { ...options, onCreate: (file) => step(`generated ${what} in ${file}`) })
}

async function prepareDatabase() {
  if (process.env.DATABASE_URL) {
    if (await ensureDatabase(process.env.DATABASE_URL)) {
      step("created the database named in DATABASE_URL")
    }
    return process.env.DATABASE_URL
  }
  step(`starting embedded PostgreSQL on port ${pgPort} (data in ${path.relative(root, dataRoot)}/pg)`)
  embedded = await startEmbeddedPostgres({
    dataDir: path.join(dataRoot, "pg"),
    port: pgPort,
    logFile: path.join(dataRoot, "postgres.log"),
  })
  const url = `${embedded.url}/${DATABASE_NAME}`
  await ensureDatabase(url)
  return url
}

/** Prints the URLs and logins once /health answers, so they are the last thing on screen. */
async function announceWhenHealthy(running) {
  let alive = true
  running.exited.then(() => (alive = false))
  const deadline = Date.now() + 5 * 60_000
  while (alive && !shuttingDown && Date.now() < deadline) {
    const ok = await fetch(`http://localhost:${port}/health`).then(
      (res) => res.ok,
      () => false
    )
    if (ok) {
      printSummary()
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
}

function printSummary() {
  const summary = JSON.parse(fs.readFileSync(summaryFile, "utf8"))
  console.log(
    [
      "",
      "==================== demo store ready ====================",
      `  Store API:        http://localhost:${port}/store  (header x-publishable-api-key)`,
      `  Publishable key:  ${summary.publishableKey}`,
      `  Admin:            http://localhost:${port}/app`,
      `  Admin login:      ${summary.adminEmail} / ${summary.adminPassword}`,
      `  Stop with Ctrl+C`,
      "===========================================================",
      "",
    ].join("\n")
  )
}

async function shutdown(exitCode, reason) {
  if (shuttingDown) {
    return
  }
  shuttingDown = true
  if (reason) {
    console.error(`[demo] ${reason}`)
  }
  try {
    if (current) {
      await stopGroup(current)
    }
    if (embedded) {
      step("stopping embedded PostgreSQL")
      await embedded.stop()
    }
  } finally {
    process.exit(exitCode)
  }
}

function step(message) {
  console.log(`[demo] ${message}`)
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => shutdown(0, `${signal}: stopping`))
}

main().catch((error) => shutdown(1, error.message))
