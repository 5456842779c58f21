import { defineConfig, loadEnv, Modules } from "@medusajs/framework/utils"
import { engagementOptionsFromEnv } from "./src/modules/engagement/env"
import { loyaltyOptionsFromEnv } from "./src/modules/loyalty/env"
import { engagementProvidersFromEnv } from "./src/providers/env"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

const redisUrl = process.env.REDIS_URL

/**
 * No secret has a default: with a known one, anyone can sign an admin token. `npm run demo` makes
 * its own (kept in `.demo-data/`), the test runner sets random ones; anywhere else they must be set.
 */
function requiredSecret(name: "JWT_SECRET" | "COOKIE_SECRET"): string {
  const value = process.env[name]
  if (!value || value.length < 32) {
    throw new Error(
      `${name} is ${value ? "too short" : "not set"}: set it to at least 32 random characters, e.g. the output of \`openssl rand -base64 48\` (npm run demo generates one in .demo-data/)`
    )
  }
  return value
}

// Redis is optional: with REDIS_URL the event bus, workflow engine, cache and locking use it
// (several server processes can then share the work); without it everything stays in memory.
const redisModules = redisUrl
  ? [
      { key: Modules.EVENT_BUS, resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl } },
      {
        key: Modules.WORKFLOW_ENGINE,
        resolve: "@medusajs/medusa/workflow-engine-redis",
        options: { redis: { redisUrl } },
      },
      { key: Modules.CACHE, resolve: "@medusajs/medusa/cache-redis", options: { redisUrl } },
      {
        key: Modules.LOCKING,
        resolve: "@medusajs/medusa/locking",
        options: {
          providers: [
            { resolve: "@medusajs/medusa/locking-redis", id: "locking-redis", is_default: true, options: { redisUrl } },
          ],
        },
      },
    ]
  : []

/**
 * The demo store: the repository root is the Medusa project, `src/` its customisations.
 * A store that installs the published plugin writes `plugins: [{ resolve: "medusa-plugin-engagement", options }]`
 * instead (see the README and docs/configuration.md); the options are the same.
 */
module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    // DATABASE_POOL_MAX: more connections than knex's 10 (the reconciliation crash test holds many waiting on its locks)
    ...(process.env.DATABASE_POOL_MAX
      ? { databaseDriverOptions: { pool: { max: Number(process.env.DATABASE_POOL_MAX) } } }
      : {}),
    redisUrl,
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000,http://localhost:5173",
      authCors: process.env.AUTH_CORS || "http://localhost:8000,http://localhost:9000,http://localhost:5173",
      jwtSecret: requiredSecret("JWT_SECRET"),
      cookieSecret: requiredSecret("COOKIE_SECRET"),
    },
  },
  admin: {
    disable: process.env.MEDUSA_ADMIN_DISABLE === "true",
  },
  modules: [
    {
      resolve: "./src/modules/engagement",
      // the platforms are module providers (`providers: [{ resolve, options }]`), on when their variables are set
      options: { ...engagementOptionsFromEnv(process.env), providers: engagementProvidersFromEnv(process.env) },
    },
    { resolve: "./src/modules/loyalty", options: { loyalty: loyaltyOptionsFromEnv(process.env) } },
    {
      key: Modules.NOTIFICATION,
      resolve: "@medusajs/medusa/notification",
      options: {
        providers: [
          {
            resolve: "@medusajs/medusa/notification-local",
            id: "local",
            options: { channels: ["email"] },
          },
        ],
      },
    },
    ...redisModules,
  ],
})
