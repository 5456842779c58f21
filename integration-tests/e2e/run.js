#!/usr/bin/env node
/**
 * Browser suite: starts the platform stand-ins and the demo store, then two scenarios in Debian's
 * Chromium with playwright-core, on the one demo:
 * - storefront (integration-tests/storefront/): the storefront kit's React components in a test
 *   storefront of our own, served on another origin; a shopper signs in, spends points, ticks the
 *   consent boxes and checks out; the order total, the ledger's redeem row and the consent ledger's
 *   proof are asserted through the admin API. Any console warning or error fails it.
 * - admin: places orders through the store API (one with Rejoiner failing), then asserts what the
 *   customer page, the order page and each section of the Engagement page show and do. Any console
 *   error fails it (except the demo thumbnails, which point at an outside host, and expected 4xx lines).
 * Screenshots and logs go to .e2e-screenshots/ (git-ignored); `--docs` (`npm run screenshots`) then
 * copies every screen's picture (docs/admin.md, the phone views, the README's storefront) to docs/.
 *   node integration-tests/e2e/run.js [--docs] [storefront|admin]   (both when neither is named)
 * Needs PostgreSQL (DB_HOST/DB_USERNAME, as the other tests) or runs the demo's embedded one.
 * Ports: E2E_PORT (9300) the demo, +1 its embedded PostgreSQL, +2 the test storefront
 * (E2E_STOREFRONT_PORT); E2E_STAND_IN_BASE_PORT (4300) and the five after it the stand-ins.
 */
const { spawn } = require("node:child_process")
const fs = require("node:fs")
const path = require("node:path")
const { scenario } = require("./scenario")
const { storefrontScenario, LOYALTY_OPTIONS } = require("../storefront/scenario")

const root = path.resolve(__dirname, "../..")
// a dot-folder: `medusa develop` restarts on any other file written under the project
const shots = path.join(root, ".e2e-screenshots")
const PORT = Number(process.env.E2E_PORT || 9300)
const STAND_IN_BASE_PORT = Number(process.env.E2E_STAND_IN_BASE_PORT || 4300)
const STOREFRONT_PORT = Number(process.env.E2E_STOREFRONT_PORT || PORT + 2)
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
const named = process.argv.slice(2).filter((arg) => !arg.startsWith("--"))
const suites = named.length ? named : ["storefront", "admin"]
const children = []

function start(name, cmd, args, env) {
  const child = spawn(cmd, args, {
    cwd: root,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  })
  const log = fs.createWriteStream(path.join(shots, `${name}.log`))
  child.stdout.pipe(log)
  child.stderr.pipe(log)
  children.push(child)
  return child
}

function stopAll() {
  for (const child of children.reverse()) {
    try {
      process.kill(-child.pid, "SIGTERM")
    } catch {
      // already gone
    }
  }
}

async function waitFor(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const value = await check().catch(() => undefined)
    if (value) {
      return value
    }
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  throw new Error(`timed out waiting for ${what}`)
}

/** The stand-ins print the env the demo needs; read it from their first lines. */
async function startStandIns() {
  const child = start(
    "stand-ins",
    process.execPath,
    [require.resolve("ts-node/dist/bin.js"), "--transpile-only", "integration-tests/stand-ins/serve.ts"],
    {
      STAND_IN_BASE_PORT: String(STAND_IN_BASE_PORT),
    }
  )
  let output = ""
  child.stdout.on("data", (chunk) => (output += chunk))
  const line = await waitFor(
    "the stand-ins",
    async () => output.split("\n").find((l) => l.includes("npm run demo")),
    60_000
  )
  return Object.fromEntries(
    line
      .replace(/ npm run demo.*$/, "")
      .split(" ")
      .map((pair) => pair.split("="))
      .map(([key, ...value]) => [key, value.join("=")])
  )
}

/** Every run starts from an empty database, so what the screens show depends on this run only. */
async function freshDatabase(url) {
  const { Client } = require("pg")
  const target = new URL(url)
  const name = target.pathname.slice(1)
  target.pathname = "/postgres"
  const client = new Client({ connectionString: target.toString() })
  await client.connect()
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  } finally {
    await client.end()
  }
}

async function main() {
  fs.mkdirSync(shots, { recursive: true })
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`)
  }
  const unknown = suites.filter((name) => !["storefront", "admin"].includes(name))
  if (unknown.length) {
    throw new Error(`unknown suite ${unknown.join(", ")}: storefront or admin`)
  }
  const platformEnv = await startStandIns()
  // dropped at the start of each run (the demo creates it again); E2E_DATABASE keeps parallel runs apart
  const database = process.env.E2E_DATABASE || "medusa_engagement_e2e"
  const storefront = `http://localhost:${STOREFRONT_PORT}`
  const env = {
    ...platformEnv,
    PORT: String(PORT),
    ADMIN_CORS: `http://localhost:${PORT}`,
    // the test storefront is a page of another origin, as a real storefront is
    STORE_CORS: storefront,
    AUTH_CORS: `http://localhost:${PORT},${storefront}`,
    // a first tier and reward schemes for the storefront's components
    LOYALTY_OPTIONS: JSON.stringify(LOYALTY_OPTIONS),
    // without the admin suite, no admin bundle to build
    ...(suites.includes("admin") ? {} : { MEDUSA_ADMIN_DISABLE: "true" }),
    ENGAGEMENT_REVIEW_DELAY: "1h",
    ENGAGEMENT_OUTBOX_MAX_ATTEMPTS: "2",
    ENGAGEMENT_OUTBOX_BASE_DELAY: "0ms",
    ENGAGEMENT_CONTACT_SYNC_WINDOW: "1s",
    ...(process.env.DB_HOST
      ? {
          DATABASE_URL: `postgres://${process.env.DB_USERNAME || "postgres"}${process.env.DB_PASSWORD ? `:${process.env.DB_PASSWORD}` : ""}@${process.env.DB_HOST}:${process.env.DB_PORT || 5432}/${database}`,
        }
      : { DEMO_PG_PORT: String(PORT + 1) }),
  }
  if (process.env.DB_HOST) {
    await freshDatabase(env.DATABASE_URL)
  }
  start("demo", process.execPath, ["src/scripts/demo/run.js"], env)
  const base = `http://localhost:${PORT}`
  await waitFor("the demo's /health", async () => (await fetch(`${base}/health`)).ok, 5 * 60_000)
  if (suites.includes("storefront")) {
    const started = Date.now()
    await storefrontScenario({ base, port: STOREFRONT_PORT, chromium: CHROMIUM, shots })
    console.log(`e2e: the storefront scenario passed in ${Math.round((Date.now() - started) / 1000)} s`)
  }
  if (suites.includes("admin")) {
    await scenario({ base, control: `http://127.0.0.1:${STAND_IN_BASE_PORT}`, chromium: CHROMIUM, shots })
  }
  if (process.argv.includes("--docs")) {
    // after the browser is done: docs/ is watched by `medusa develop`
    fs.mkdirSync(path.join(root, "docs"), { recursive: true })
    for (const name of DOC_PICTURES.filter((picture) => suites.includes(SUITE_OF[picture] ?? "admin"))) {
      fs.copyFileSync(path.join(shots, `${name}.small.jpg`), path.join(root, "docs", `${name}.jpg`))
    }
  }
}

// every screen the suite pictures (docs/admin.md shows them; `npm run screenshots` refreshes them)
const DOC_PICTURES = [
  "customer-page",
  "engagement-platform-health",
  "customer-erased",
  "order-page",
  "engagement-platforms",
  "engagement-delivery-log",
  "engagement-delivery-drawer",
  "engagement-review-requests",
  "engagement-loyalty",
  "storefront-kit",
  "engagement-settings",
  "engagement-settings-diff",
  "phone-engagement",
  "phone-customer",
  "charts-loyalty",
]
const SUITE_OF = { "storefront-kit": "storefront" }

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stopAll()
    process.exit(1)
  })
}

main()
  .then(() => {
    console.log(`e2e: all screens passed (${suites.join(", ")})`)
    stopAll()
    process.exit(0)
  })
  .catch((error) => {
    console.error(`e2e: ${error.stack || error.message}`)
    console.error(`logs and screenshots in ${path.relative(root, shots)}`)
    stopAll()
    process.exit(1)
  })
