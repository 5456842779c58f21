import { spawn, ChildProcessWithoutNullStreams } from "node:child_process"
import path from "node:path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { engagementOf } from "../../helpers/engagement"
import { eventually, useTestPlatforms } from "../../helpers/stand-ins"

jest.setTimeout(180_000)

const CONCURRENCY = 4

const platforms = useTestPlatforms({
  ENGAGEMENT_HTTP_CONCURRENCY: String(CONCURRENCY),
  ENGAGEMENT_HTTP_TIMEOUT: "5s",
  ENGAGEMENT_OUTBOX_LEASE: "20s",
})
const { rejoiner } = platforms

const root = path.resolve(__dirname, "../../..")

interface Worker {
  child: ChildProcessWithoutNullStreams
  output: string[]
}

/** An outbox worker in a process of its own on the test's database (see integration-tests/crash/outbox-worker.ts). */
async function startWorker(databaseUrl: string): Promise<Worker> {
  const child = spawn(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", path.join(root, "integration-tests/crash/outbox-worker.ts")],
    { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl, NODE_OPTIONS: "", LOG_LEVEL: "error" } }
  )
  const output: string[] = []
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => output.push(...chunk.split("\n").filter(Boolean)))
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => output.push(chunk))
  await eventually(async () => output.includes("ready") || (child.exitCode !== null && Promise.reject(new Error(output.join("\n")))), 90_000)
  return { child, output }
}

/** Asks a worker to send what is due and waits for its summary. */
async function dispatchIn(worker: Worker): Promise<{ claimed: number; delivered: number }> {
  const before = worker.output.filter((line) => line.startsWith("dispatched")).length
  worker.child.stdin.write("dispatch\n")
  const line = await eventually(async () => worker.output.filter((entry) => entry.startsWith("dispatched"))[before], 60_000)
  return JSON.parse(line.slice("dispatched ".length))
}

const cancel = (n: number) => ({
  platform: "rejoiner",
  operation: "cancel",
  idempotency_key: `several-processes:cancel:${n}`,
  payload: { email: `shopper${n}@example.com` },
})

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ getContainer, dbConfig }) => {
    const workers: Worker[] = []

    beforeAll(async () => {
      workers.push(...(await Promise.all([startWorker(dbConfig.clientUrl), startWorker(dbConfig.clientUrl)])))
    })

    afterAll(() => {
      for (const { child } of workers) {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill("SIGKILL")
        }
      }
    })

    it("keeps a platform's calls in flight within its concurrency limit across three processes, sending each row once", async () => {
      const engagement = engagementOf(getContainer())
      const rows = 40
      await engagement.enqueueDeliveries(Array.from({ length: rows }, (_, n) => cancel(n)))
      rejoiner.latencyMs = 100

      // the test's Medusa and both workers send at once; each process alone may use the whole limit
      const [here, ...there] = await Promise.all([
        engagement.dispatchDueDeliveries(),
        ...workers.map((worker) => dispatchIn(worker)),
      ])
      await eventually(async () => (await engagement.listDeliveries({ status: "delivered" })).length === rows, 30_000)

      expect(rejoiner.maxInFlight).toBeGreaterThan(1)
      expect(rejoiner.maxInFlight).toBeLessThanOrEqual(CONCURRENCY)
      const sent = rejoiner.acceptedCallsTo("cancel").map((call) => (call.body as { email: string }).email)
      expect(sent).toHaveLength(rows)
      expect(new Set(sent).size).toBe(rows)
      expect(here.claimed + there.reduce((sum, summary) => sum + summary.claimed, 0)).toBe(rows)
    })

    it("pauses a platform that answered 429 in every process until its Retry-After has passed", async () => {
      const engagement = engagementOf(getContainer())
      rejoiner.failNext(1, { kind: "status", status: 429, headers: { "retry-after": "3" } })
      const [{ delivery: first }] = await engagement.enqueueDeliveries([cancel(100)])
      await engagement.dispatchDueDeliveries({ ids: [first.id] })
      expect((await engagement.retrieveDelivery(first.id)).status).toBe("pending")
      expect(rejoiner.requests).toHaveLength(1)

      // new calls enqueued after the 429: another process sends none of them while the pause lasts
      await engagement.enqueueDeliveries([cancel(101), cancel(102)])
      const [summary] = await Promise.all([dispatchIn(workers[0])])
      expect(summary.claimed).toBe(0)
      expect(rejoiner.requests).toHaveLength(1)

      // once it has passed, the waiting row goes first and the rest follow
      await new Promise((resolve) => setTimeout(resolve, 3200))
      await dispatchIn(workers[1])
      await eventually(async () => (await engagement.listDeliveries({ status: "delivered" })).length === 3, 15_000)
      expect(rejoiner.acceptedCallsTo("cancel")).toHaveLength(3)
    })
  },
})
