/**
 * A second outbox worker, in a process of its own, for the crash test: it boots the engagement
 * module against the test's database with the options the environment gives (the same ones the
 * test's Medusa reads), says `ready`, and sends what is due each time a line arrives on stdin.
 * The test kills it with SIGKILL while its calls are in flight.
 */
import path from "node:path"
import { logger } from "@medusajs/framework/logger"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { initModules } from "@medusajs/test-utils"
import { engagementOptionsFromEnv } from "../../src/modules/engagement/env"
import { engagementProvidersFromEnv } from "../../src/providers/env"
import type EngagementModuleService from "../../src/modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../src/provider-api/provider"

async function main() {
  const clientUrl = process.env.DATABASE_URL
  if (!clientUrl) {
    throw new Error("DATABASE_URL is required")
  }
  const { medusaApp } = await initModules({
    // Medusa's logger, as a server gives its modules (the outbox logs every attempt that did not deliver)
    injectedDependencies: { [ContainerRegistrationKeys.LOGGER]: logger },
    databaseConfig: { clientUrl, schema: "public" },
    modulesConfig: {
      engagement: {
        resolve: path.resolve(__dirname, "../../src/modules/engagement"),
        options: { ...engagementOptionsFromEnv(process.env), providers: engagementProvidersFromEnv(process.env) },
      },
    },
    preventConnectionDestroyWarning: true,
  })
  const engagement: EngagementModuleService = medusaApp.modules[ENGAGEMENT_MODULE]
  process.stdin.setEncoding("utf8")
  process.stdin.on("data", () => {
    engagement
      .dispatchDueDeliveries()
      .then((summary) => process.stdout.write(`dispatched ${JSON.stringify(summary)}\n`))
      .catch((error) => process.stdout.write(`error ${(error as Error).message}\n`))
  })
  process.stdout.write("ready\n")
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`)
  process.exit(1)
})
