import { medusaIntegrationTestRunner as medusaRunner } from "@medusajs/test-utils"
import { Client } from "@medusajs/framework/pg"
import { randomBytes } from "node:crypto"
import { adminConnection } from "../global-setup"
import { workSettled } from "../../src/utils/work-in-flight"

type RunnerOptions = Parameters<typeof medusaRunner>[0]

/**
 * Medusa's `medusaIntegrationTestRunner`, with the file's database created as a copy of the run's
 * migrated template (global-setup.js, `ENGAGEMENT_MIGRATED_TEMPLATE`) just before the runner
 * creates and migrates it: the runner's create then finds it there and its migrations find
 * nothing pending. Without a template the runner migrates from scratch, as it always did.
 *
 * After each test it also waits for the plugin's subscribers still running in the test's
 * process (an order's work goes on after the checkout has answered), so none of it lands in the
 * store the next test starts from. Medusa's runner waits only for workflow runs it stores, and the
 * plugin's are kept in memory.
 */
export function medusaIntegrationTestRunner(options: RunnerOptions): void {
  const { testSuite } = options
  options = { ...options, testSuite: (args) => waitingForPluginWork(testSuite, args) }
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

function waitingForPluginWork(testSuite: RunnerOptions["testSuite"], args: Parameters<RunnerOptions["testSuite"]>[0]) {
  afterEach(async () => {
    if (!(await workSettled(30_000))) {
      // the next test may see what this one left running: say so where its failure would show
      console.warn("the plugin's work of the last test still ran 30 s after it ended")
    }
  })
  return testSuite(args)
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
