import { medusaIntegrationTestRunner } from "../../helpers/runner"
import type EngagementModuleService from "../../../src/modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../src/provider-api/provider"
import type { EnqueueDeliveryInput } from "../../../src/provider-api/types"
import sweepDueDeliveries from "../../../src/jobs/sweep-due-deliveries"
import { enqueueDeliveriesWorkflow } from "../../../src/workflows/outbox/workflows/enqueue-deliveries"
import { responseOf } from "../../helpers/http"
import { createAdminHeaders } from "../../helpers/store"
import { eventually, useTestPlatforms } from "../../helpers/stand-ins"

jest.setTimeout(180_000)

// the stand-ins listen, and the env points at them, before Medusa boots
const platforms = useTestPlatforms({
  ENGAGEMENT_OUTBOX_BASE_DELAY: "0ms",
  ENGAGEMENT_OUTBOX_MAX_ATTEMPTS: "5",
  ENGAGEMENT_HTTP_TIMEOUT: "1s",
})

const ccr = (n: number): EnqueueDeliveryInput => ({
  origin: "review_request",
  platform: "recensus",
  operation: "customer_contact_request",
  idempotency_key: `test:ccr:${n}`,
  order_id: `order_${n}`,
  customer_id: `cus_${n}`,
  payload: {
    data: {
      customerFirstName: "Ada",
      customerLastName: "Lovelace",
      customerEmail: `ada${n}@example.com`,
      purchaseDate: "2026-11-20T10:00:00+00:00",
      purchases: [{ quantity: "1", gtin: "4006381333931", mpn: "", brand: "", lang: "en", title: "Pen", type: "P" }],
    },
  },
})

const cancel = (n: number): EnqueueDeliveryInput => ({
  origin: "journey_cancellation",
  platform: "rejoiner",
  operation: "cancel",
  idempotency_key: `test:cancel:${n}`,
  payload: { email: `shopper${n}@example.com` },
})

/** The test's Medusa runs the sweep job each minute: a test that dispatches itself keeps clear of its tick. */
async function clearOfTheMinuteTick() {
  const untilTick = 60_000 - (Date.now() % 60_000)
  if (untilTick < 8000) {
    await new Promise((resolve) => setTimeout(resolve, untilTick + 1000))
  }
}

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let engagement: EngagementModuleService

    beforeEach(() => {
      engagement = getContainer().resolve(ENGAGEMENT_MODULE)
    })

    /** Dispatches until the row leaves pending/sending, as the sweep job would over time. */
    async function settle(id: string) {
      return await eventually(async () => {
        await engagement.dispatchDueDeliveries()
        const row = await engagement.retrieveDelivery(id)
        return ["delivered", "failed", "dead"].includes(row.status) ? row : undefined
      })
    }

    it("sends a delivery enqueued twice with one idempotency key once", async () => {
      const first = await enqueueDeliveriesWorkflow(getContainer()).run({ input: { deliveries: [ccr(1)] } })
      const second = await enqueueDeliveriesWorkflow(getContainer()).run({ input: { deliveries: [ccr(1)] } })

      expect(first.result[0].created).toBe(true)
      expect(second.result[0].created).toBe(false)
      expect(second.result[0].delivery.id).toBe(first.result[0].delivery.id)

      const row = await settle(first.result[0].delivery.id)
      expect(row.status).toBe("delivered")
      expect(row.external_id).toBe("50")
      expect(platforms.recensus.callsTo("customer-contact-request")).toHaveLength(1)
      expect(await engagement.listDeliveries({ idempotency_key: "test:ccr:1" })).toHaveLength(1)
    })

    it("delivers with 4 attempts when the platform answers 500 three times, then 201", async () => {
      platforms.recensus.failNext(3, { kind: "status", status: 500, body: { error: "down" } })
      const [{ delivery }] = await engagement.enqueueDeliveries([ccr(2)])

      const row = await settle(delivery.id)

      expect(row.status).toBe("delivered")
      expect(row.attempts).toBe(4)
      expect(row.response_status).toBe(201)
      expect(platforms.recensus.requests.map((r) => r.answeredWith)).toEqual([500, 500, 500, 201])
    })

    it("retries timeouts and dropped connections, then delivers", async () => {
      platforms.rejoiner.failNext(1, { kind: "timeout" }).failNext(1, { kind: "reset" })
      const [{ delivery }] = await engagement.enqueueDeliveries([cancel(3)])

      const row = await settle(delivery.id)

      expect(row.status).toBe("delivered")
      expect(row.attempts).toBe(3)
      expect(platforms.rejoiner.requests.map((r) => r.answeredWith)).toEqual(["timeout", "reset", 200])
    })

    it("ends a permanent 4xx as failed after one attempt, keeping the platform's answer", async () => {
      platforms.rejoiner.failNext(1, { kind: "status", status: 400, body: { message: "email is invalid" } })
      const [{ delivery }] = await engagement.enqueueDeliveries([cancel(4)])

      const row = await settle(delivery.id)
      await engagement.dispatchDueDeliveries()

      expect(row.status).toBe("failed")
      expect(row.attempts).toBe(1)
      expect(row.last_error).toContain("email is invalid")
      expect(platforms.rejoiner.requests).toHaveLength(1)
    })

    it("honours Retry-After on a 429 without failing the delivery", async () => {
      // the sweep job's tick would send the row before this test's dispatch, which then has none of its own
      await clearOfTheMinuteTick()
      platforms.rejoiner.failNext(1, { kind: "status", status: 429, headers: { "retry-after": "1" } })
      const [{ delivery }] = await engagement.enqueueDeliveries([cancel(5)])

      await engagement.dispatchDueDeliveries({ ids: [delivery.id] })
      const waiting = await engagement.retrieveDelivery(delivery.id)
      expect(waiting.status).toBe("pending")
      expect(new Date(waiting.next_attempt_at).getTime()).toBeGreaterThan(Date.now() + 500)

      const row = await settle(delivery.id)
      expect(row.status).toBe("delivered")
    })

    it("the sweep job sends a retry when its wait ends within the run, not at the next minute's tick", async () => {
      await clearOfTheMinuteTick()
      platforms.rejoiner.failNext(1, { kind: "status", status: 429, headers: { "retry-after": "2" } })
      const [{ delivery }] = await engagement.enqueueDeliveries([cancel(6)])

      const started = Date.now()
      await sweepDueDeliveries(getContainer())
      const row = await engagement.retrieveDelivery(delivery.id)
      // one run: the 429 (which does not count as an attempt), then the call again once Retry-After has passed
      expect([row.status, row.attempts]).toEqual(["delivered", 1])
      expect(platforms.rejoiner.callsTo("cancel")).toHaveLength(2)
      expect(Date.now() - started).toBeGreaterThanOrEqual(1900)
      expect(Date.now() - started).toBeLessThan(30_000)
    })

    it("marks a delivery dead after max attempts, and the admin retry route sends it again", async () => {
      const admin = await createAdminHeaders(getContainer())
      platforms.recensus.failNext(5, { kind: "status", status: 503 })
      const [{ delivery }] = await engagement.enqueueDeliveries([ccr(6)])

      const dead = await settle(delivery.id)
      expect(dead.status).toBe("dead")
      expect(dead.attempts).toBe(5)
      expect(platforms.recensus.requests).toHaveLength(5)

      const listed = await api.get(`/admin/engagement/deliveries?status=dead&platform=recensus`, admin)
      expect(listed.data.deliveries.map((d: { id: string }) => d.id)).toEqual([delivery.id])

      const retried = await api.post(`/admin/engagement/deliveries/${delivery.id}/retry`, {}, admin)
      expect(retried.status).toBe(200)
      expect(["pending", "sending", "delivered"]).toContain(retried.data.delivery.status)

      const row = await settle(delivery.id)
      expect(row.status).toBe("delivered")
      expect(platforms.recensus.requests).toHaveLength(6)

      const again = await responseOf(api.post(`/admin/engagement/deliveries/${delivery.id}/retry`, {}, admin))
      expect(again.status).toBe(400)
      expect(again.data.message).toContain("delivered")
    })

    it("never sends a row twice when several dispatchers run at once", async () => {
      platforms.rejoiner.latencyMs = 20
      const inputs = Array.from({ length: 40 }, (_, i) => cancel(100 + i))
      await engagement.enqueueDeliveries(inputs)

      await Promise.all(Array.from({ length: 4 }, () => engagement.dispatchDueDeliveries()))
      await eventually(
        async () => (await engagement.listDeliveries({ status: "delivered" }, { take: 100 })).length === 40
      )

      const emails = platforms.rejoiner.callsTo("cancel").map((r) => (r.body as { email: string }).email)
      expect(emails).toHaveLength(40)
      expect(new Set(emails).size).toBe(40)
    })

    it("ignores the late answer of an attempt whose lease was taken over, so the newer attempt's outcome stands", async () => {
      const { rejoiner } = platforms
      const [{ delivery }] = await engagement.enqueueDeliveries([cancel(500)])
      // the first attempt is answered 503 only after its lease was taken over, and while the newer attempt still waits
      rejoiner.failNext(1, { kind: "status", status: 503, delay_ms: 500 })
      rejoiner.failNext(1, { kind: "status", status: 200, body: { status: "ok" }, delay_ms: 800 })
      const stalled = engagement.dispatchDueDeliveries()
      await eventually(async () => rejoiner.requests.length === 1)
      await engagement.updateDeliveries({ id: delivery.id, locked_until: new Date(Date.now() - 1000) })
      const takenOver = engagement.dispatchDueDeliveries()
      await Promise.all([stalled, takenOver])
      expect(rejoiner.requests.map((request) => request.answeredWith)).toEqual([503, 200])

      const row = await engagement.retrieveDelivery(delivery.id)
      // still in doubt: Rejoiner cannot be asked whether the first call also arrived
      expect([row.status, row.attempts, row.in_doubt]).toEqual(["delivered", 2, true])
      await engagement.dispatchDueDeliveries()
      expect(rejoiner.callsTo("cancel")).toHaveLength(2)
      // the admin sees that Rejoiner may have received it twice
      const admin = await createAdminHeaders(getContainer())
      const shown = await api.get(`/admin/engagement/deliveries/${delivery.id}`, admin)
      expect(shown.data.delivery).toEqual(expect.objectContaining({ status: "delivered", attempts: 2, in_doubt: true }))
    })

    describe("admin routes", () => {
      it("reject calls without an admin", async () => {
        const list = await responseOf(api.get(`/admin/engagement/deliveries`))
        expect(list.status).toBe(401)
        const retry = await responseOf(api.post(`/admin/engagement/deliveries/engdel_x/retry`, {}))
        expect(retry.status).toBe(401)
      })

      it("reject bad queries and bodies with a 400 naming the field, and unknown ids with 404", async () => {
        const admin = await createAdminHeaders(getContainer())
        const badStatus = await responseOf(api.get(`/admin/engagement/deliveries?status=lost`, admin))
        expect(badStatus.status).toBe(400)
        expect(badStatus.data.message).toContain("status")

        const badLimit = await responseOf(api.get(`/admin/engagement/deliveries?limit=-3`, admin))
        expect(badLimit.status).toBe(400)
        expect(badLimit.data.message).toContain("limit")

        const badBody = await responseOf(
          api.post(`/admin/engagement/deliveries/engdel_x/retry`, { force: true }, admin)
        )
        expect(badBody.status).toBe(400)
        expect(badBody.data.message).toContain("force")

        const missing = await responseOf(api.post(`/admin/engagement/deliveries/engdel_missing/retry`, {}, admin))
        expect(missing.status).toBe(404)
      })

      it("list deliveries filtered by customer and order, paginated", async () => {
        const admin = await createAdminHeaders(getContainer())
        await engagement.enqueueDeliveries(
          [ccr(7), ccr(8), ccr(9)].map((d) => ({ ...d, not_before: new Date(Date.now() + 3600_000) }))
        )

        const byOrder = await api.get(`/admin/engagement/deliveries?order_id=order_8`, admin)
        expect(byOrder.data.deliveries).toHaveLength(1)
        expect(byOrder.data.deliveries[0]).toEqual(
          expect.objectContaining({
            order_id: "order_8",
            customer_id: "cus_8",
            status: "pending",
            platform: "recensus",
          })
        )

        const page = await api.get(`/admin/engagement/deliveries?limit=2&offset=0&order=created_at`, admin)
        expect(page.data).toEqual(expect.objectContaining({ count: 3, limit: 2, offset: 0 }))
        expect(page.data.deliveries).toHaveLength(2)

        const one = await api.get(`/admin/engagement/deliveries/${byOrder.data.deliveries[0].id}`, admin)
        expect(one.data.delivery.payload.data.customerEmail).toBe("ada8@example.com")
      })
    })
  },
})
