import { medusaIntegrationTestRunner as medusaRunner } from "@medusajs/test-utils"
import { Client } from "@medusajs/framework/pg"
import { randomBytes } from "node:crypto"
import { adminConnection } from "../global-setup"

type RunnerOptions = Parameters<typeof medusaRunner>[0]

/**
 * Medusa's `medusaIntegrationTestRunner`, with the file's database created as a copy of the run's
 * migrated template (global-setup.js, `ENGAGEMENT_MIGRATED_TEMPLATE`) just before the runner
 * creates and migrates it: the runner's create then finds it there and its migrations find
 * nothing pending. Without a template the runner migrates from scratch, as it always did.
 */
export function medusaIntegrationTestRunner(options: RunnerOptions): void {
  const template = process.env.ENGAGEMENT_MIGRATED_TEMPLATE
  if (!template || options.dbName) {
    medusaRunner(options)
    return
  }
  const dbName = `engagement-${randomBytes(6).toString("hex")}-integration-${process.env.JEST_WORKER_ID ?? "1"}`
  medusaRunner({
    ...options,
    dbName,
    hooks: {
      ...options.hooks,
      beforeServerStart: async (container) => {
        await copyDatabase(template, dbName)
        await options.hooks?.beforeServerStart?.(container)
      },
    },
  })
}

async function copyDatabase(template: string, name: string): Promise<void> {
  const client = new Client(adminConnection())
  await client.connect()
  try {
    // names are generated here and in global-setup.js, never from input
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`)
  } finally {
    await client.end()
  }
}
