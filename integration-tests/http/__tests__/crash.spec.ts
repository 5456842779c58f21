import type { ChildProcessWithoutNullStreams } from "node:child_process"
import { engagementSuite } from "../../helpers/suite"
import { startOutboxWorker } from "../../crash/start-worker"
import { engagementOf, makeDeliveriesDue } from "../../helpers/engagement"
import { eventually, useTestPlatforms } from "../../helpers/stand-ins"
import { createCustomerSession } from "../../helpers/store"

jest.setTimeout(120_000)

const LEASE_MS = 5000
// every stand-in answers this late, after the worker's timeout: it is killed while all its calls wait
const LATENCY_MS = 2500

const platforms = useTestPlatforms(
  {
    ENGAGEMENT_CONTACT_SYNC_WINDOW: "1h",
    ENGAGEMENT_OUTBOX_LEASE: `${LEASE_MS}ms`,
    ENGAGEMENT_OUTBOX_BASE_DELAY: "1s",
    ENGAGEMENT_HTTP_TIMEOUT: "2s",
    // every call of the worker goes out at once
    ENGAGEMENT_HTTP_CONCURRENCY: "8",
  },
  { contacts: true }
)
const { expertsender, engage, rejoiner, crmcom } = platforms

/** Waits, if need be, until the next minute's tick (when scheduled jobs run) is at least `ms` away. */
async function clearOfMinuteTick(ms: number): Promise<void> {
  const untilTick = 60_000 - (Date.now() % 60_000)
  if (untilTick < ms) {
    await new Promise((resolve) => setTimeout(resolve, untilTick + 1000))
  }
}

async function killed(child: ChildProcessWithoutNullStreams): Promise<NodeJS.Signals | null> {
  return await new Promise((resolve) => {
    child.once("exit", (_code, signal) => resolve(signal))
    child.kill("SIGKILL")
  })
}

engagementSuite({
  testSuite: ({ api, getContainer, dbConfig }, seeded) => {
    let worker: ChildProcessWithoutNullStreams | undefined

    /** Lets the coalescing window of every waiting contact pass. */
    const makeDue = async () => {
      const engagement = engagementOf(getContainer())
      const waiting = await engagement.listContactSyncs({ dirty: true })
      await engagement.updateContactSyncs(waiting.map((row) => ({ id: row.id, due_at: new Date(Date.now() - 1000) })))
    }

    afterEach(() => {
      if (worker && worker.exitCode === null && worker.signalCode === null) {
        worker.kill("SIGKILL")
      }
    })

    it("after a worker is killed mid-call, each platform that can be asked or deduplicates holds each call once, and no row is left failed", async () => {
      const engagement = engagementOf(getContainer())
      const emails = ["ada@example.com", "grace@example.com", "edsger@example.com"]
      const customers: string[] = []
      for (const [index, email] of emails.entries()) {
        const session = await createCustomerSession(api, seeded.store, {
          email,
          password: "secret-password",
          first_name: ["Ada", "Grace", "Edsger"][index],
          last_name: ["Lovelace", "Hopper", "Dijkstra"][index],
        })
        customers.push(session.customerId)
      }
      await eventually(async () => (await engagement.listContactSyncs({ dirty: true })).length === customers.length * 4)
      const { child, output } = await startOutboxWorker(dbConfig.clientUrl, 60_000)
      worker = child

      // the test's own Medusa runs the minute jobs (its subscribers are needed here): what follows, up to
      // the kill, must not straddle a tick, or its contact-sync job and sweep send calls meant for the worker
      await clearOfMinuteTick(20_000)
      // Engage looks contacts up before creating them: let the lookups happen, so the creates are what is in flight
      await makeDue()
      await engagement.syncDueContacts({ platforms: ["engage"] })
      await engagement.dispatchDueDeliveries({ platforms: ["engage"] })
      expect(engage.callsTo("lookup_contact")).toHaveLength(3)

      // every platform answers late from now on, whichever process happens to send a call first
      for (const standIn of platforms.all) {
        standIn.latencyMs = LATENCY_MS
      }
      // the next calls of every contact, and one conversion per customer, wait in the outbox
      await makeDue()
      await engagement.syncDueContacts()
      await engagement.enqueueDeliveries(
        emails.map((email, index) => ({
          origin: "cart_conversion",
          platform: "rejoiner",
          operation: "convert",
          idempotency_key: `crash-test:convert:order_${index}`,
          customer_id: customers[index],
          payload: {
            email,
            cart_data: { cart_value: 1000, cart_item_count: 1, order_number: `order_${index}` },
            cart_items: [],
          },
        }))
      )
      child.stdin.write("dispatch\n")

      // every call is with a platform and none is answered yet: the worker dies now
      const inFlight = { expertsender: 1, engage: 3, crmcom: 3, rejoiner: 6 }
      await eventually(
        async () =>
          Object.entries(inFlight).every(
            ([name, count]) => platforms[name as keyof typeof inFlight].requests.length >= count
          ),
        30_000
      )
      expect(await killed(child)).toBe("SIGKILL")
      expect(output.filter((line) => line.startsWith("dispatched"))).toEqual([])
      const sendingAtCrash = await engagement.listDeliveries({ status: "sending" })
      expect(sendingAtCrash).toHaveLength(1 + 3 + 3 + 6)

      // the platforms finish what they were sent; the answers go nowhere
      await eventually(
        async () => platforms.all.every((standIn) => standIn.requests.every((request) => request.answeredWith !== 0)),
        15_000
      )
      for (const standIn of platforms.all) {
        standIn.latencyMs = 0
      }

      // the test's own Medusa takes the rows back once the lease has run out, and finishes the work
      await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 200))
      await eventually(async () => {
        await engagement.runContactSync()
        const open = await engagement.listDeliveries({ status: ["pending", "sending"] })
        return open.length === 0
      }, 30_000)

      const deliveries = await engagement.listDeliveries({}, { take: 500 })
      expect(
        deliveries
          .filter((row) => row.status !== "delivered")
          .map((row) => [row.platform, row.operation, row.status, row.last_error])
      ).toEqual([])
      const syncs = await engagement.listContactSyncs({})
      expect(
        syncs.filter((row) => row.status !== "synced").map((row) => [row.platform, row.status, row.last_error])
      ).toEqual([])

      // Engage: looked up again before creating again, so each contact was created once
      expect(engage.callsTo("lookup_contact")).toHaveLength(3 + 3)
      expect(engage.acceptedCallsTo("create_contact")).toHaveLength(3)
      expect(
        Object.values(engage.contacts)
          .map((contact) => contact.email)
          .sort()
      ).toEqual([...emails].sort())
      // CRM.COM: signed in with the held password instead of registering again
      expect(crmcom.callsTo("register_contact")).toHaveLength(3)
      expect(crmcom.callsTo("authenticate_contact")).toHaveLength(3)
      expect(
        Object.values(crmcom.contacts)
          .map((contact) => contact.username)
          .sort()
      ).toEqual([...emails].sort())
      // Rejoiner profiles: read before creating again
      expect(rejoiner.callsTo("get_customer")).toHaveLength(3)
      expect(rejoiner.callsTo("create_customer")).toHaveLength(3)
      // ExpertSender: the batch went twice, and AddOrUpdate by email left one customer each
      expect(expertsender.acceptedCallsTo("upsert_customers")).toHaveLength(2)
      expect((expertsender.state.customers as { email: string }[]).map((customer) => customer.email).sort()).toEqual(
        [...emails].sort()
      )
      // Rejoiner conversions cannot be asked about nor deduplicated: at least once, here twice
      for (const index of emails.keys()) {
        const sent = rejoiner
          .acceptedCallsTo("convert")
          .filter(
            (call) => (call.body as { cart_data: { order_number: string } }).cart_data.order_number === `order_${index}`
          )
        expect(sent).toHaveLength(2)
      }
      // the rows a platform may have received twice stay marked for the admin; the checked ones do not
      expect(
        deliveries
          .filter((row) => row.in_doubt)
          .map((row) => row.operation)
          .sort()
      ).toEqual(["convert", "convert", "convert", "upsert_customers"])
    })

    it("a create whose answer timed out is looked up before it is sent again, so Engage and CRM.COM hold the contact once", async () => {
      const engagement = engagementOf(getContainer())
      const { customerId } = await createCustomerSession(api, seeded.store, {
        email: "barbara@example.com",
        password: "secret-password",
        first_name: "Barbara",
        last_name: "Liskov",
      })
      await eventually(
        async () => (await engagement.listContactSyncs({ customer_id: customerId, dirty: true })).length === 4
      )
      await makeDue()
      await engagement.syncDueContacts({ platforms: ["engage"] })
      await engagement.dispatchDueDeliveries({ platforms: ["engage"] })
      expect(engage.callsTo("lookup_contact")).toHaveLength(1)

      // the platforms take the calls but answer after the plugin's timeout
      engage.latencyMs = LATENCY_MS
      crmcom.latencyMs = LATENCY_MS
      await engagement.syncDueContacts({ platforms: ["engage", "crmcom"] })
      await engagement.dispatchDueDeliveries({ platforms: ["engage", "crmcom"] })
      const timedOut = await engagement.listDeliveries({ customer_id: customerId, status: "pending" })
      expect(timedOut.map((row) => [row.operation, row.in_doubt, row.last_error])).toEqual(
        expect.arrayContaining([
          ["create_contact", true, "no answer within 2000 ms"],
          ["register_contact", true, "no answer within 2000 ms"],
        ])
      )
      await eventually(
        async () =>
          [engage, crmcom].every((standIn) => standIn.requests.every((request) => request.answeredWith !== 0)),
        10_000
      )
      engage.latencyMs = 0
      crmcom.latencyMs = 0

      await makeDeliveriesDue(getContainer())
      await eventually(async () => {
        await engagement.runContactSync()
        return (await engagement.listDeliveries({ status: ["pending", "sending"] })).length === 0
      }, 20_000)

      expect(engage.callsTo("create_contact")).toHaveLength(1)
      expect(Object.keys(engage.contacts)).toHaveLength(1)
      expect(crmcom.callsTo("register_contact")).toHaveLength(1)
      expect(Object.keys(crmcom.contacts)).toHaveLength(1)
      const settled = await engagement.listDeliveries({ id: timedOut.map((row) => row.id) })
      expect(settled.map((row) => [row.status, row.in_doubt])).toEqual(timedOut.map(() => ["delivered", false]))
      const syncs = await engagement.listContactSyncs({ customer_id: customerId, platform: ["engage", "crmcom"] })
      expect(syncs.map((row) => [row.platform, row.status, row.external_id !== null]).sort()).toEqual([
        ["crmcom", "synced", true],
        ["engage", "synced", true],
      ])
    })

    it("a contact whose call was in flight on its last attempt when the worker died goes on through the fallback instead of waiting forever", async () => {
      const engagement = engagementOf(getContainer())
      const { customerId } = await createCustomerSession(api, seeded.store, {
        email: "frances@example.com",
        password: "secret-password",
        first_name: "Frances",
        last_name: "Allen",
      })
      await eventually(
        async () => (await engagement.listContactSyncs({ customer_id: customerId, dirty: true })).length === 4
      )
      await makeDue()
      await engagement.syncDueContacts({ platforms: ["engage"] })
      await engagement.dispatchDueDeliveries({ platforms: ["engage"] })
      await engagement.syncDueContacts({ platforms: ["engage"] })
      const [create] = await engagement.listDeliveries({ customer_id: customerId, operation: "create_contact" })
      // a worker claimed the create's last attempt and died: its lease has run out
      await engagement.updateDeliveries({
        id: create.id,
        status: "sending",
        attempts: create.max_attempts,
        locked_until: new Date(Date.now() - 1000),
      })

      await engagement.dispatchDueDeliveries({ platforms: ["engage"] })
      const buried = await engagement.retrieveDelivery(create.id)
      expect([buried.status, buried.in_doubt]).toEqual(["dead", true])
      await eventually(async () => {
        await engagement.runContactSync()
        const [sync] = await engagement.listContactSyncs({ customer_id: customerId, platform: "engage" })
        return sync.status === "synced" && sync.in_flight_delivery_id === null
      }, 10_000)
      expect(engage.acceptedCallsTo("bulk_create").map((call) => call.body)).toEqual([
        [expect.objectContaining({ email: "frances@example.com", firstName: "Frances" })],
      ])
    })
  },
})
