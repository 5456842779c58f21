import { medusaIntegrationTestRunner } from "../../helpers/runner"
import { startOutboxWorker, type OutboxWorker as Worker } from "../../crash/start-worker"
import { engagementOf } from "../../helpers/engagement"
import { eventually, useTestPlatforms } from "../../helpers/stand-ins"
import { createAdminHeaders } from "../../helpers/store"

jest.setTimeout(180_000)

const CONCURRENCY = 4
const LEASE_MS = 5000

const platforms = useTestPlatforms({
  // the test's own Medusa runs no scheduled job (its minute sweep would take the rows the workers are
  // meant to send, whenever a minute ticks during a test): only the processes the test asks send
  MEDUSA_WORKER_MODE: "server",
  ENGAGEMENT_HTTP_CONCURRENCY: String(CONCURRENCY),
  ENGAGEMENT_HTTP_TIMEOUT: "2s",
  ENGAGEMENT_OUTBOX_LEASE: `${LEASE_MS}ms`,
})
const { rejoiner } = platforms

/** Asks a worker to send what is due and waits for its summary. */
async function dispatchIn(worker: Worker): Promise<{ claimed: number; delivered: number; retrying: number }> {
  const answers = () => worker.output.filter((line) => line.startsWith("dispatched") || line.startsWith("error"))
  const before = answers().length
  worker.child.stdin.write("dispatch\n")
  const line = await eventually(async () => answers()[before], 60_000)
  if (line.startsWith("error")) {
    throw new Error(`the worker's dispatch failed: ${line}`)
  }
  return JSON.parse(line.slice("dispatched ".length))
}

const cancel = (n: number) => ({
  origin: "journey_cancellation" as const,
  platform: "rejoiner",
  operation: "cancel",
  idempotency_key: `several-processes:cancel:${n}`,
  payload: { email: `shopper${n}@example.com` },
})

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer, dbConfig }) => {
    const workers: Worker[] = []

    beforeAll(async () => {
      workers.push(
        ...(await Promise.all([startOutboxWorker(dbConfig.clientUrl), startOutboxWorker(dbConfig.clientUrl)]))
      )
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

    it("shows the admin a 429's pause that another process got, until its Retry-After", async () => {
      const engagement = engagementOf(getContainer())
      const admin = await createAdminHeaders(getContainer())
      rejoiner.failNext(1, { kind: "status", status: 429, headers: { "retry-after": "120" } })
      await engagement.enqueueDeliveries([cancel(300)])
      const summary = await dispatchIn(workers[1])
      expect([summary.claimed, summary.retrying]).toEqual([1, 1])

      // this process sent nothing and got no 429: the pause comes from the database
      const { data } = await api.get("/admin/engagement/platforms", admin)
      const byId = Object.fromEntries(data.platforms.map((p: { id: string }) => [p.id, p]))
      const until = new Date(byId.rejoiner.paused_until).getTime()
      expect(until).toBeGreaterThan(Date.now() + 100_000)
      expect(until).toBeLessThanOrEqual(Date.now() + 120_000)
      expect(byId.recensus.paused_until).toBeNull()

      // once the row that holds the pause has gone out, the platform is no longer paused
      const [waiting] = await engagement.listDeliveries({ status: "pending" })
      await engagement.updateDeliveries({ id: waiting.id, locked_until: null, next_attempt_at: new Date() })
      await engagement.dispatchDueDeliveries()
      const after = await api.get("/admin/engagement/platforms", admin)
      expect(after.data.platforms.find((p: { id: string }) => p.id === "rejoiner").paused_until).toBeNull()
    })

    it("loses nothing when a worker is killed mid-call: its rows come back after the lease, and a restarted worker takes its share", async () => {
      const engagement = engagementOf(getContainer())
      const rows = 12
      await engagement.enqueueDeliveries(Array.from({ length: rows }, (_, n) => cancel(200 + n)))
      rejoiner.latencyMs = 1500

      // the first worker fills the platform's limit and dies while all its calls wait for their answers
      const victim = workers[0]
      victim.child.stdin.write("dispatch\n")
      await eventually(async () => rejoiner.requests.length >= CONCURRENCY, 30_000)
      await new Promise<void>((resolve) => {
        victim.child.once("exit", () => resolve())
        victim.child.kill("SIGKILL")
      })
      expect(await engagement.listDeliveries({ status: "sending" })).toHaveLength(CONCURRENCY)
      // the dead worker's calls still hold the limit until their lease ends: no one sends more meanwhile
      await eventually(async () => rejoiner.requests.every((request) => request.answeredWith !== 0), 10_000)
      expect(rejoiner.requests).toHaveLength(CONCURRENCY)
      rejoiner.latencyMs = 0

      // a restarted worker, once the lease has run out, takes the rows back and sends the rest
      workers[0] = await startOutboxWorker(dbConfig.clientUrl)
      await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 200))
      const restarted = await dispatchIn(workers[0])
      expect(restarted.claimed).toBeGreaterThan(0)
      await eventually(async () => (await engagement.listDeliveries({ status: "delivered" })).length === rows, 15_000)

      // every row reached Rejoiner; only the calls in flight at the kill went twice (cancel journeys: once in effect)
      const calls = rejoiner.acceptedCallsTo("cancel").map((call) => (call.body as { email: string }).email)
      expect(new Set(calls).size).toBe(rows)
      const twice = [...new Set(calls)].filter((email) => calls.filter((other) => other === email).length > 1)
      expect(twice).toHaveLength(CONCURRENCY)
      const inDoubt = await engagement.listDeliveries({ in_doubt: true })
      expect(inDoubt.map((row) => (row.payload as { email: string }).email).sort()).toEqual(twice.sort())
    })
  },
})
