#!/usr/bin/env node
/**
 * `npm run test:pack`: the plugin installed as a store owner installs it. Builds the package
 * (`medusa plugin:build`), packs it (`npm pack`), makes a fresh Medusa store folder in a temp
 * directory with the @medusajs packages at the pinned release and the README's medusa-config
 * (the plugin registered with its options), `npm install`s the tarball there, runs
 * `medusa db:migrate` against a fresh database, creates an admin user, boots `medusa start`, and
 * checks one store route and one admin route of the plugin. It also type-checks a storefront
 * file that imports `medusa-plugin-engagement/types` with `@medusajs/js-sdk`.
 *
 * PostgreSQL: DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD when DB_HOST is set, else an embedded one.
 * PACK_KEEP=1 keeps the temp folder and prints it. npm's cache is reused (--prefer-offline).
 */
const { spawn, spawnSync } = require("node:child_process")
const fs = require("node:fs")
const { freePort } = require("../helpers/free-port")
const os = require("node:os")
const path = require("node:path")
const { ensureDatabase, startEmbeddedPostgres } = require("../../src/scripts/demo/database")

const root = path.resolve(__dirname, "../..")
/**
 * The Medusa releases the package is installed into: the lowest it supports (the peer ranges' floor)
 * and the release it is developed against. PACK_MEDUSA_VERSIONS="2.18.0" checks one.
 */
const VERSIONS = (process.env.PACK_MEDUSA_VERSIONS || `${peerFloor()} ${devRelease()}`).split(/[\s,]+/).filter(Boolean)
let MEDUSA = VERSIONS[0]
const started = Date.now()
const seconds = () => `${((Date.now() - started) / 1000).toFixed(0)}s`
const log = (message) => console.log(`[pack ${seconds()}] ${message}`)

function sh(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: options.capture ? "pipe" : "inherit", encoding: "utf8", ...options })
  if (result.status !== 0) {
    throw new Error(
      `${cmd} ${args.join(" ")} exited with ${result.status}${options.capture ? `\n${result.stdout}\n${result.stderr}` : ""}`
    )
  }
  return result.stdout
}

async function until(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  let last
  while (Date.now() < deadline) {
    try {
      const value = await check()
      if (value) {
        return value
      }
    } catch (error) {
      last = error
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000}s${last ? ` (${last.message})` : ""}`)
}

async function call(base, method, route, { body, headers = {} } = {}) {
  const response = await fetch(`${base}${route}`, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  let json
  try {
    json = JSON.parse(text)
  } catch {
    json = text
  }
  if (!response.ok) {
    throw new Error(`${method} ${route} answered ${response.status}: ${text.slice(0, 500)}`)
  }
  return json
}

function expectThat(condition, message) {
  if (!condition) {
    throw new Error(`check failed: ${message}`)
  }
  log(`ok: ${message}`)
}

/** The store's medusa-config.ts: the README's "Installing into your Medusa store", nothing more. */
const MEDUSA_CONFIG = `import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: "http://localhost:8000",
      adminCors: "http://localhost:9000",
      authCors: "http://localhost:8000,http://localhost:9000",
      jwtSecret: "pack-check-jwt-secret",
      cookieSecret: "pack-check-cookie-secret",
    },
  },
  // the check calls the API only: no admin dashboard build (medusa build) before medusa start
  admin: { disable: true },
  plugins: [
    {
      resolve: "medusa-plugin-engagement",
      options: {
        // required: signs unsubscribe and confirmation links (32+ random characters)
        consents: { link_secret: process.env.ENGAGEMENT_LINK_SECRET },
        review_requests: { delay: "7d", trigger: "placed" },
        loyalty: { tiers: { levels: [{ id: "gold", name: "Gold", threshold: 2000, multiplier: 1.5 }] } },
      },
    },
  ],
})
`

/** A storefront's use of the published types, as docs/storefront.md shows it. */
const STOREFRONT_TS = `import Medusa from "@medusajs/js-sdk"
import type {
  StoreEngagementProfileResponse,
  StoreUpdateEngagementConsents,
  StoreEngagementConsentsResponse,
  StoreEngagementLoyaltyResponse,
  StoreEngagementCartResponse,
} from "medusa-plugin-engagement/types"

const sdk = new Medusa({ baseUrl: "http://localhost:9000", publishableKey: "pk_test", auth: { type: "session" } })

export async function myPage(): Promise<string> {
  const { profile } = await sdk.client.fetch<StoreEngagementProfileResponse>("/store/engagement/profile")
  const body: StoreUpdateEngagementConsents = { consents: [{ purpose: "email_marketing", value: "AwaitingConfirmation" }] }
  const { consents } = await sdk.client.fetch<StoreEngagementConsentsResponse>("/store/engagement/consents", { method: "POST", body })
  const { loyalty } = await sdk.client.fetch<StoreEngagementLoyaltyResponse>("/store/engagement/loyalty")
  const { cart } = await sdk.client.fetch<StoreEngagementCartResponse>("/store/carts/cart_1/loyalty-points", { method: "POST", body: { points: 100 } })
  const orders: number = profile.order_count
  // the types are real, not \`any\`: each line below must be refused
  // @ts-expect-error cart.total is a number (HttpTypes.StoreCart)
  const notText: string = cart.total
  // @ts-expect-error a consent value is one of ExpertSender's three words
  const wrong: StoreUpdateEngagementConsents = { consents: [{ purpose: "email_marketing", value: "yes" }] }
  return \`\${orders} \${consents[0].value} \${loyalty.balance} \${notText} \${wrong.consents.length}\`
}
`

/** The floor of the peer range of @medusajs/framework (">=2.18.0 <3" → 2.18.0). */
function peerFloor() {
  const range = require(path.join(root, "package.json")).peerDependencies["@medusajs/framework"]
  const floor = /(\d+\.\d+\.\d+)/.exec(range)
  if (!floor) {
    throw new Error(`peerDependencies["@medusajs/framework"] has no version floor: ${range}`)
  }
  return floor[1]
}

/** The release every @medusajs devDependency is pinned to. */
function devRelease() {
  return require(path.join(root, "package.json")).devDependencies["@medusajs/framework"]
}

/**
 * The store's seed: the demo's own seed (region, tax, stock location, shipping, publishable key,
 * products) copied into the store as a script of its own, and run with `medusa exec`.
 */
function writeSeedScript(store) {
  const scripts = path.join(store, "src/scripts")
  fs.mkdirSync(scripts, { recursive: true })
  for (const file of ["catalog.ts", "seed-catalog.ts", "seed-shipping.ts", "seed-store.ts"]) {
    fs.copyFileSync(path.join(root, "src/scripts/demo", file), path.join(scripts, file))
  }
  fs.writeFileSync(
    path.join(scripts, "pack-seed.ts"),
    `import fs from "node:fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { seedStore } from "./seed-store"

export default async function packSeed({ container }: ExecArgs) {
  const store = await seedStore(container)
  fs.writeFileSync(process.env.PACK_SEED_FILE as string, JSON.stringify({ publishableKey: store.publishableKey }))
}
`
  )
}

async function main() {
  const started = Date.now()
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "engagement-pack-"))
  try {
    log("npm run build (medusa plugin:build)")
    sh("npm", ["run", "build"], { cwd: root })
    if (!fs.existsSync(path.join(root, ".medusa/server/src/types/index.d.ts"))) {
      throw new Error("the build has no .medusa/server/src/types/index.d.ts (package.json exports ./types)")
    }
    log("npm pack")
    const [packed] = JSON.parse(sh("npm", ["pack", "--json", "--pack-destination", work], { cwd: root, capture: true }))
    log(`packed ${packed.filename}: ${packed.entryCount} files, ${(packed.size / 1024).toFixed(0)} kB`)
    expectThat(
      !packed.files.some((file) => /(^|\/)(integration-tests|__tests__)\/|\.spec\.|medusa-config/.test(file.path)),
      "the package holds no tests and no medusa-config"
    )
    for (const version of VERSIONS) {
      MEDUSA = version
      await checkRelease(work, packed)
      log(`Medusa ${version}: passed`)
    }
  } finally {
    if (process.env.PACK_KEEP) {
      log(`kept ${work}`)
    } else {
      fs.rmSync(work, { recursive: true, force: true })
    }
  }
  log(`passed against Medusa ${VERSIONS.join(" and ")} in ${((Date.now() - started) / 1000).toFixed(0)}s`)
}

/** A fresh store on Medusa `MEDUSA`: install the tarball, migrate, seed, boot, call the plugin, place an order. */
async function checkRelease(work, packed) {
  const store = path.join(work, `store-${MEDUSA}`)
  const tarball = path.join(work, packed.filename)
  let database
  let server
  try {
    fs.mkdirSync(store)
    const medusa = Object.fromEntries(
      ["admin-sdk", "cli", "draft-order", "framework", "medusa"].map((name) => [`@medusajs/${name}`, MEDUSA])
    )
    fs.writeFileSync(
      path.join(store, "package.json"),
      JSON.stringify(
        {
          name: "engagement-pack-check-store",
          private: true,
          version: "0.0.0",
          scripts: { start: "medusa start" },
          dependencies: medusa,
          // a Medusa store's own: ts-node and @swc/core (the CLI loads medusa-config.ts with them) and
          // TypeScript; @medusajs/types is what a storefront has for @medusajs/js-sdk's types
          devDependencies: {
            "@medusajs/types": MEDUSA,
            "@swc/core": "1.7.28",
            "@types/node": "20.17.6",
            "ts-node": "10.9.2",
            typescript: "5.6.3",
          },
          engines: { node: ">=20" },
        },
        null,
        2
      )
    )
    fs.writeFileSync(path.join(store, "medusa-config.ts"), MEDUSA_CONFIG)
    fs.writeFileSync(
      path.join(store, "tsconfig.json"),
      JSON.stringify(
        {
          compilerOptions: {
            target: "ES2021",
            module: "Node16",
            moduleResolution: "Node16",
            esModuleInterop: true,
            skipLibCheck: true,
            strict: true,
            outDir: ".medusa/server",
          },
          "ts-node": { swc: true },
          include: ["medusa-config.ts", "src"],
        },
        null,
        2
      )
    )

    log(`npm install ${packed.filename} (the README's install, into a fresh store with @medusajs/* ${MEDUSA})`)
    sh("npm", ["install", tarball, "--prefer-offline", "--no-audit", "--no-fund", "--loglevel", "error"], {
      cwd: store,
    })
    const installed = require(path.join(store, "node_modules/medusa-plugin-engagement/package.json"))
    expectThat(
      installed.version === require(path.join(root, "package.json")).version,
      `medusa-plugin-engagement ${installed.version} installed from the tarball`
    )

    log("type-check a storefront file importing medusa-plugin-engagement/types")
    fs.mkdirSync(path.join(store, "storefront"))
    fs.writeFileSync(path.join(store, "storefront/engagement.ts"), STOREFRONT_TS)
    const tsc = path.join(store, "node_modules/typescript/bin/tsc")
    for (const resolution of [
      ["--module", "Node16", "--moduleResolution", "Node16"],
      ["--module", "ESNext", "--moduleResolution", "Bundler"],
      ["--module", "CommonJS", "--moduleResolution", "Node10"],
    ]) {
      sh(
        process.execPath,
        [
          tsc,
          "--noEmit",
          "--strict",
          "--skipLibCheck",
          "--target",
          "ES2021",
          "--lib",
          "ES2021,DOM",
          "--types",
          "node",
          ...resolution,
          "storefront/engagement.ts",
        ],
        { cwd: store }
      )
      log(`ok: storefront types check with moduleResolution ${resolution[3]}`)
    }

    let databaseUrl
    const name = `engagement_pack_${process.pid}`
    if (process.env.DB_HOST) {
      const auth = `${encodeURIComponent(process.env.DB_USERNAME || "postgres")}${process.env.DB_PASSWORD ? `:${encodeURIComponent(process.env.DB_PASSWORD)}` : ""}`
      databaseUrl = `postgres://${auth}@${process.env.DB_HOST}:${process.env.DB_PORT || 5432}/${name}`
    } else {
      // its own temp folder, as the test set-up's: the server runs as another user, who cannot enter `work`
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "engagement-pack-pg-"))
      const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), logFile: path.join(work, "pg.log") })
      database = { stop: async () => (await pg.stop(), fs.rmSync(dataDir, { recursive: true, force: true })) }
      databaseUrl = `${pg.url}/${name}`
    }
    await ensureDatabase(databaseUrl)
    database = { ...database, url: databaseUrl, name }
    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      ENGAGEMENT_LINK_SECRET: "pack-check-link-secret-0123456789abcdefghijklmnop",
      MEDUSA_DISABLE_TELEMETRY: "true",
      NODE_ENV: "development",
      // every migration's line would bury the checks; errors still print (PACK_LOG_LEVEL=info for all)
      LOG_LEVEL: process.env.PACK_LOG_LEVEL || "error",
    }
    delete env.NODE_OPTIONS

    log("npx medusa db:migrate")
    sh("npx", ["medusa", "db:migrate"], { cwd: store, env })
    log("seed the store (region, shipping, publishable key, products) with medusa exec")
    writeSeedScript(store)
    const seedFile = path.join(store, "seed.json")
    sh("npx", ["medusa", "exec", "./src/scripts/pack-seed.ts"], {
      cwd: store,
      env: { ...env, PACK_SEED_FILE: seedFile },
    })
    const { publishableKey } = JSON.parse(fs.readFileSync(seedFile, "utf8"))
    log("npx medusa user (admin)")
    sh("npx", ["medusa", "user", "-e", "admin@example.com", "-p", "pack-check-admin-password"], { cwd: store, env })

    const port = await freePort()
    const base = `http://localhost:${port}`
    log(`npx medusa start on port ${port}`)
    const output = []
    server = spawn("npx", ["medusa", "start", "--port", String(port)], {
      cwd: store,
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    })
    server.stdout.on("data", (chunk) => output.push(chunk))
    server.stderr.on("data", (chunk) => output.push(chunk))
    const exited = new Promise((resolve) => server.on("exit", resolve))
    try {
      await Promise.race([
        until("medusa start answers /health", async () => (await fetch(`${base}/health`)).ok, 180_000),
        exited.then((code) => Promise.reject(new Error(`medusa start exited with ${code}`))),
      ])
    } catch (error) {
      console.error(Buffer.concat(output).toString().slice(-5000))
      throw error
    }
    log("medusa start answers")

    const { token: adminToken } = await call(base, "POST", "/auth/user/emailpass", {
      body: { email: "admin@example.com", password: "pack-check-admin-password" },
    })
    const admin = { authorization: `Bearer ${adminToken}` }
    const pk = { "x-publishable-api-key": publishableKey }

    // a shopper registers as on a storefront: customer.created makes their contact profile
    const email = "ada@example.com"
    const { token: registration } = await call(base, "POST", "/auth/customer/emailpass/register", {
      body: { email, password: "secret-password" },
    })
    await call(base, "POST", "/store/customers", {
      headers: { ...pk, authorization: `Bearer ${registration}` },
      body: { email, first_name: "Ada", last_name: "Lovelace" },
    })
    const { token: login } = await call(base, "POST", "/auth/customer/emailpass", {
      body: { email, password: "secret-password" },
    })
    const shopper = { ...pk, authorization: `Bearer ${login}` }

    const { profile } = await call(base, "GET", "/store/engagement/profile", { headers: shopper })
    expectThat(
      profile.email === email && profile.first_name === "Ada" && profile.order_count === 0,
      "store route GET /store/engagement/profile answers the shopper's profile"
    )
    const { consents } = await call(base, "GET", "/store/engagement/consents", { headers: shopper })
    expectThat(
      consents
        .map((consent) => consent.purpose)
        .sort()
        .join() === "email_marketing,review_requests,sms_marketing",
      "store route GET /store/engagement/consents lists the configured purposes"
    )

    const contacts = await until(
      "the shopper's contact in GET /admin/engagement/contacts",
      async () => {
        const answer = await call(base, "GET", `/admin/engagement/contacts?email=${encodeURIComponent(email)}`, {
          headers: admin,
        })
        return answer.contacts?.length ? answer : undefined
      },
      30_000
    )
    expectThat(
      contacts.contacts[0].email === email && contacts.count === 1,
      "admin route GET /admin/engagement/contacts finds the contact made on customer.created"
    )
    const { platforms } = await call(base, "GET", "/admin/engagement/platforms", { headers: admin })
    expectThat(Array.isArray(platforms), "admin route GET /admin/engagement/platforms answers")

    // a shopper checks out as on a storefront (the demo's shopper script): the order gets its engagement work
    log("a shopper places an order (src/scripts/demo/place-order.js)")
    const buyer = "grace@example.com"
    const placed = sh(process.execPath, [path.join(root, "src/scripts/demo/place-order.js"), buyer], {
      capture: true,
      env: { ...env, MEDUSA_URL: base, PUBLISHABLE_KEY: publishableKey },
    })
    const orderId = /Order (order_\w+)/.exec(placed)?.[1]
    expectThat(Boolean(orderId), `the checkout completed: ${placed.split("\n")[0]}`)
    const engagement = await until(
      "the order's review request and points",
      async () => {
        const answer = await call(base, "GET", `/admin/orders/${orderId}/engagement`, { headers: admin })
        return answer.review_request && answer.loyalty?.earned > 0 ? answer : undefined
      },
      60_000
    )
    expectThat(
      engagement.review_request.status === "scheduled" && engagement.checkout_consents !== null,
      `the order has a scheduled review request, its checkout consents and ${engagement.loyalty.earned} points earned`
    )

    log(`Medusa ${MEDUSA} checked in ${seconds()}`)
  } finally {
    if (server && server.exitCode === null) {
      // medusa start runs in its own process group (npx → node): stop all of it
      try {
        process.kill(-server.pid, "SIGTERM")
      } catch {
        // already gone
      }
      await new Promise((resolve) => setTimeout(resolve, 1000))
    }
    if (database?.url) {
      try {
        const { Client } = require("pg")
        const url = new URL(database.url)
        url.pathname = "/postgres"
        const client = new Client({ connectionString: url.toString() })
        await client.connect()
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database.name)} WITH (FORCE)`)
        await client.end()
      } catch (error) {
        console.error(`could not drop ${database.name}: ${error.message}`)
      }
    }
    await database?.stop?.()
  }
}

main().catch((error) => {
  console.error(`[pack ${seconds()}] FAILED: ${error.stack || error.message}`)
  process.exit(1)
})
