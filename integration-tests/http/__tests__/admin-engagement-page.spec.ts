import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "../../helpers/runner"
import type EngagementModuleService from "../../../src/modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../src/provider-api/provider"
import type { EnqueueDeliveryInput } from "../../../src/provider-api/types"
import { reviewRequestOf } from "../../helpers/engagement"
import { responseOf } from "../../helpers/http"
import {
  CRMCOM_TEST_CONFIG,
  ENGAGE_TEST_CONFIG,
  eventually,
  EXPERTSENDER_TEST_CONFIG,
  RECENSUS_TEST_CONFIG,
  REJOINER_TEST_CONFIG,
  useTestPlatforms,
} from "../../helpers/stand-ins"
import { createAdminHeaders, placeOrder, seedTestStore } from "../../helpers/store"

jest.setTimeout(180_000)

const platforms = useTestPlatforms(
  {
    ENGAGEMENT_REVIEW_DELAY: "1h",
    ENGAGEMENT_OUTBOX_BASE_DELAY: "0ms",
    ENGAGEMENT_OUTBOX_MAX_ATTEMPTS: "5",
    ENGAGEMENT_HTTP_TIMEOUT: "1s",
  },
  { contacts: true }
)

const cancel = (n: number): EnqueueDeliveryInput => ({
  origin: "journey_cancellation",
  platform: "rejoiner",
  operation: "cancel",
  idempotency_key: `page:cancel:${n}`,
  customer_id: `cus_page_${n}`,
  payload: { email: `shopper${n}@example.com` },
})

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let engagement: EngagementModuleService
    let admin: { headers: Record<string, string> }

    beforeEach(async () => {
      engagement = getContainer().resolve(ENGAGEMENT_MODULE)
      admin = await createAdminHeaders(getContainer())
    })

    /** Rows ended as the outbox would end them, without waiting for real attempts. */
    async function deliveriesEndedAs(status: "dead" | "failed" | "delivered", numbers: number[]) {
      const enqueued = await engagement.enqueueDeliveries(numbers.map(cancel))
      const ids = enqueued.map(({ delivery }) => delivery.id)
      await engagement.updateDeliveries(
        ids.map((id) => ({
          id,
          status,
          attempts: 5,
          last_error: status === "delivered" ? null : "HTTP 503",
          last_attempt_at: new Date(),
        }))
      )
      return ids
    }

    async function settled(ids: string[]) {
      return await eventually(async () => {
        await engagement.dispatchDueDeliveries()
        const rows = await engagement.listDeliveries({ id: ids })
        return rows.every((row) => ["delivered", "failed", "dead"].includes(row.status)) ? rows : undefined
      })
    }

    describe("POST /admin/engagement/deliveries/retry", () => {
      it("retries the failed and dead rows a filter selects, and leaves delivered and other platforms' rows alone", async () => {
        const dead = await deliveriesEndedAs("dead", [1, 2])
        const failed = await deliveriesEndedAs("failed", [3])
        const delivered = await deliveriesEndedAs("delivered", [4])
        const [{ delivery: otherPlatform }] = await engagement.enqueueDeliveries([
          { ...cancel(5), platform: "recensus", operation: "customer_contact_request", payload: { data: {} } },
        ])
        await engagement.updateDeliveries({ id: otherPlatform.id, status: "dead" })

        const response = await api.post(
          `/admin/engagement/deliveries/retry`,
          { filter: { platform: ["rejoiner"] } },
          admin
        )

        expect(response.status).toBe(200)
        expect([...response.data.retried].sort()).toEqual([...dead, ...failed].sort())
        expect(response.data.has_more).toBe(false)
        const rows = await settled([...dead, ...failed])
        expect(rows.map((row) => row.status)).toEqual(["delivered", "delivered", "delivered"])
        expect(platforms.rejoiner.requests).toHaveLength(3)
        expect((await engagement.retrieveDelivery(delivered[0])).attempts).toBe(5)
        expect((await engagement.retrieveDelivery(otherPlatform.id)).status).toBe("dead")
      })

      it("retries chosen ids and names the ones it left (delivered or unknown)", async () => {
        const [dead] = await deliveriesEndedAs("dead", [10])
        const [delivered] = await deliveriesEndedAs("delivered", [11])

        const response = await api.post(
          `/admin/engagement/deliveries/retry`,
          { ids: [dead, delivered, "engdel_missing"] },
          admin
        )

        expect(response.data.retried).toEqual([dead])
        expect(response.data.skipped).toEqual([delivered, "engdel_missing"])
        expect((await engagement.retrieveDelivery(delivered)).status).toBe("delivered")
      })

      it("takes at most 100 rows per call and says more match", async () => {
        platforms.rejoiner.latencyMs = 0
        await deliveriesEndedAs(
          "dead",
          Array.from({ length: 101 }, (_, i) => 100 + i)
        )

        const response = await api.post(`/admin/engagement/deliveries/retry`, { filter: { status: ["dead"] } }, admin)

        expect(response.data.retried).toHaveLength(100)
        expect(response.data.has_more).toBe(true)
        const stillDead = await engagement.listDeliveries({ status: "dead" })
        expect(stillDead).toHaveLength(1)
      })

      it("refuses with a 400 naming the field: both or neither selector, too many ids, a status not retryable", async () => {
        const cases: Array<[unknown, string]> = [
          [{}, "ids"],
          [{ ids: ["engdel_a"], filter: {} }, "ids"],
          [{ ids: Array.from({ length: 101 }, (_, i) => `engdel_${i}`) }, "ids"],
          [{ filter: { status: ["delivered"] } }, "filter.status"],
          [{ filter: { created_at: { gte: "yesterday" } } }, "filter.created_at.gte"],
          [{ filter: { platform: ["a\u0000b"] } }, "filter.platform"],
        ]
        for (const [body, field] of cases) {
          const response = await responseOf(api.post(`/admin/engagement/deliveries/retry`, body, admin))
          expect([response.status, response.data.message]).toEqual([400, expect.stringContaining(field)])
        }
        const anonymous = await responseOf(api.post(`/admin/engagement/deliveries/retry`, { filter: {} }))
        expect(anonymous.status).toBe(401)
      })
    })

    describe("GET /admin/engagement/deliveries with a date range", () => {
      it("lists only the rows created within the range", async () => {
        const [old] = await deliveriesEndedAs("dead", [20])
        const [recent] = await deliveriesEndedAs("dead", [21])
        const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        await pg.raw(`UPDATE engagement_delivery SET created_at = ? WHERE id = ?`, ["2020-01-01T00:00:00Z", old])
        const since = encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())

        const response = await api.get(`/admin/engagement/deliveries?created_at[gte]=${since}`, admin)

        expect(response.data.deliveries.map((row: { id: string }) => row.id)).toEqual([recent])
        const bad = await responseOf(api.get(`/admin/engagement/deliveries?created_at[gte]=soon`, admin))
        expect([bad.status, bad.data.message]).toEqual([400, expect.stringContaining("created_at")])
      })
    })

    describe("GET /admin/engagement/deliveries counts", () => {
      it("counts the log exactly by status, platform and customer through writes, status changes, deletions and folds", async () => {
        const dead = await deliveriesEndedAs("dead", [40, 41])
        await deliveriesEndedAs("failed", [42])
        const delivered = await deliveriesEndedAs("delivered", [43, 44, 45])
        // a pending row not due for an hour: the test server's own sweep job (every minute) must not
        // move it between a count through the route and the count it is compared with
        await engagement.enqueueDeliveries([
          {
            ...cancel(46),
            platform: "recensus",
            operation: "customer_contact_request",
            payload: { data: {} },
            not_before: new Date(Date.now() + 3_600_000),
          },
        ])
        // each filter of the log, and the same selection for a count of the table by the module
        const filters: [string, Record<string, unknown>][] = [
          ["", {}],
          ["status=dead", { status: "dead" }],
          ["status[]=dead&status[]=failed", { status: ["dead", "failed"] }],
          ["platform=rejoiner", { platform: "rejoiner" }],
          ["platform=recensus&status=pending", { platform: "recensus", status: "pending" }],
          ["platform=recensus&status=delivered", { platform: "recensus", status: "delivered" }],
          ["customer_id=cus_page_41", { customer_id: "cus_page_41" }],
          ["operation=cancel&status=dead", { operation: "cancel", status: "dead" }],
        ]
        const expectCounts = async () => {
          for (const [query, selection] of filters) {
            const { data } = await api.get(`/admin/engagement/deliveries?${query}`, admin)
            const [, n] = await engagement.listAndCountDeliveries(selection, { select: ["id"] })
            expect([query, data.count, data.count_estimated]).toEqual([query, n, false])
            expect(data.deliveries).toHaveLength(Math.min(n, 20))
          }
        }
        await expectCounts()
        await engagement.foldDeliveryCounts()
        await expectCounts()
        // a status change, a change that leaves the status alone, a deletion, and a fold in between
        await engagement.updateDeliveries([
          { id: dead[0], status: "failed" },
          { id: delivered[0], last_error: "noted" },
        ])
        await engagement.softDeleteDeliveries([delivered[1]])
        await expectCounts()
        await engagement.foldDeliveryCounts()
        await expectCounts()
        const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        expect((await pg.raw(`SELECT count(*)::int AS n FROM engagement_delivery_count_change`)).rows[0].n).toBe(0)
      })
    })

    describe("review request actions", () => {
      async function scheduledRequest() {
        const store = await seedTestStore(getContainer())
        const [pen] = store.products
        const order = await placeOrder(api, store, {
          email: "ada@example.com",
          items: [{ variant_id: pen.variants[0].id, quantity: 1 }],
        })
        const request = await reviewRequestOf(getContainer(), order.id)
        expect(request.status).toBe("scheduled")
        return request
      }

      it("sends a scheduled request now through Recensus, then refuses every action on it with a 400", async () => {
        const request = await scheduledRequest()

        const sent = await api.post(`/admin/engagement/review-requests/${request.id}/send`, {}, admin)
        expect(sent.status).toBe(200)
        const row = await eventually(async () => {
          await engagement.dispatchDueDeliveries()
          const current = await engagement.retrieveReviewRequest(request.id)
          return current.status === "sent" ? current : undefined
        })
        expect(row.external_id).toBeTruthy()
        expect(platforms.recensus.callsTo("customer-contact-request")).toHaveLength(1)

        for (const [action, body] of [
          ["send", {}],
          ["cancel", {}],
          ["reschedule", { send_at: "2099-01-01T10:00:00Z" }],
        ] as const) {
          const refused = await responseOf(
            api.post(`/admin/engagement/review-requests/${request.id}/${action}`, body, admin)
          )
          expect([refused.status, refused.data.message]).toEqual([400, expect.stringContaining("is sent")])
        }
        expect(platforms.recensus.callsTo("customer-contact-request")).toHaveLength(1)
      })

      it("cancels a scheduled request, which is then never sent and refuses send, cancel and reschedule", async () => {
        const request = await scheduledRequest()

        const canceled = await api.post(
          `/admin/engagement/review-requests/${request.id}/cancel`,
          { reason: "asked by phone" },
          admin
        )

        expect(canceled.data.review_request).toMatchObject({
          id: request.id,
          status: "canceled",
          reason: "asked by phone",
        })
        for (const [action, body] of [
          ["send", {}],
          ["cancel", {}],
          ["reschedule", { send_at: "2099-01-01T10:00:00Z" }],
        ] as const) {
          const refused = await responseOf(
            api.post(`/admin/engagement/review-requests/${request.id}/${action}`, body, admin)
          )
          expect([refused.status, refused.data.message]).toEqual([400, expect.stringContaining("is canceled")])
        }
        await engagement.dispatchDueDeliveries()
        expect(platforms.recensus.requests).toHaveLength(0)
      })

      it("changes the send date of a scheduled request, and refuses a date in the past or not a date", async () => {
        const request = await scheduledRequest()

        const moved = await api.post(
          `/admin/engagement/review-requests/${request.id}/reschedule`,
          { send_at: "2099-01-01T10:00:00Z" },
          admin
        )

        expect(moved.data.review_request.status).toBe("scheduled")
        expect(new Date(moved.data.review_request.send_at).toISOString()).toBe("2099-01-01T10:00:00.000Z")
        for (const send_at of ["2000-01-01T10:00:00Z", "tomorrow", 42, null]) {
          const refused = await responseOf(
            api.post(`/admin/engagement/review-requests/${request.id}/reschedule`, { send_at }, admin)
          )
          expect([refused.status, refused.data.message]).toEqual([400, expect.stringContaining("send_at")])
        }
        expect(new Date((await engagement.retrieveReviewRequest(request.id)).send_at!).toISOString()).toBe(
          "2099-01-01T10:00:00.000Z"
        )
        const missing = await responseOf(api.post(`/admin/engagement/review-requests/engrr_missing/cancel`, {}, admin))
        expect(missing.status).toBe(404)
      })

      it("refuses send now, cancel and reschedule while the due-requests job is sending the request", async () => {
        const request = await scheduledRequest()
        // as the job's claim leaves it
        await engagement.updateReviewRequests({
          id: request.id,
          send_at: new Date(),
          locked_until: new Date(Date.now() + 60_000),
        })

        for (const [action, body] of [
          ["send", {}],
          ["cancel", {}],
          ["reschedule", { send_at: "2099-01-01T10:00:00Z" }],
        ] as const) {
          const refused = await responseOf(
            api.post(`/admin/engagement/review-requests/${request.id}/${action}`, body, admin)
          )
          expect([refused.status, refused.data.message]).toEqual([400, expect.stringContaining("is being sent")])
        }
        const row = await engagement.retrieveReviewRequest(request.id)
        expect(row.status).toBe("scheduled")
        expect(platforms.recensus.requests).toHaveLength(0)
      })
    })

    describe("GET /admin/engagement/platforms", () => {
      it("shows every platform with its counts, last error and 429 pause, and never a key, token or secret", async () => {
        await deliveriesEndedAs("dead", [30])
        await deliveriesEndedAs("delivered", [31, 32])
        platforms.rejoiner.failNext(1, { kind: "status", status: 429, headers: { "retry-after": "120" } })
        const [{ delivery: limited }] = await engagement.enqueueDeliveries([cancel(33)])
        // the test server's sweep job may have claimed the row first: wait for its 429 to be written
        await eventually(async () => {
          await engagement.dispatchDueDeliveries({ ids: [limited.id] })
          return (await engagement.retrieveDelivery(limited.id)).last_error !== null
        })

        const response = await api.get(`/admin/engagement/platforms`, admin)

        const byId = Object.fromEntries(response.data.platforms.map((p: { id: string }) => [p.id, p]))
        expect(Object.keys(byId).sort()).toEqual(["crmcom", "engage", "expertsender", "recensus", "rejoiner"])
        expect(byId.rejoiner).toMatchObject({
          configured: true,
          operations: expect.arrayContaining(["cancel"]),
          // the words the admin shows, from the provider itself
          operation_labels: expect.objectContaining({ cancel: "Journey stop", convert: "Conversion" }),
          deliveries: {
            last_24h: { delivered: 2, failed: 0, dead: 1, waiting: 1 },
            all: { delivered: 2, failed: 0, dead: 1, waiting: 1 },
          },
          last_error: { message: expect.stringContaining("429"), delivery_id: limited.id },
          contact_sync: { pending: 0, syncing: 0, synced: 0, conflict: 0, needs_linking: 0, error: 0 },
        })
        expect(byId.recensus).toMatchObject({ configured: true, contact_sync: null, last_error: null })
        expect(new Date(byId.rejoiner.paused_until).getTime()).toBeGreaterThan(Date.now() + 60_000)
        expect(byId.recensus.paused_until).toBeNull()
        expect(byId.expertsender.contact_sync).toEqual({
          pending: 0,
          syncing: 0,
          synced: 0,
          conflict: 0,
          needs_linking: 0,
          error: 0,
        })

        const text = JSON.stringify(response.data)
        const secrets = [
          RECENSUS_TEST_CONFIG.token,
          RECENSUS_TEST_CONFIG.sharedSecret,
          REJOINER_TEST_CONFIG.apiKey,
          EXPERTSENDER_TEST_CONFIG.apiKey,
          ENGAGE_TEST_CONFIG.apiKey,
          CRMCOM_TEST_CONFIG.apiKey,
          CRMCOM_TEST_CONFIG.encryptionKey,
        ]
        // only the fields the page needs: no option object can ride along
        for (const platform of response.data.platforms) {
          expect(Object.keys(platform).sort()).toEqual(
            [
              "configured",
              "contact_sync",
              "deliveries",
              "id",
              "last_error",
              "name",
              "operations",
              "operation_labels",
              "paused_until",
              "state",
              "state_rule",
            ].sort()
          )
        }
        // not even in part: no run of 6 characters of a secret appears, beyond the platform's own
        // id, name, operations and their labels (the test keys are named after their platform, "engage-test-key")
        const vocabulary = JSON.stringify(
          response.data.platforms.map(
            (p: { id: string; name: string; operations: string[]; operation_labels: Record<string, string> }) => [
              p.id,
              p.name,
              p.operations,
              p.operation_labels,
            ]
          )
        )
        for (const secret of secrets) {
          expect(text).not.toContain(secret)
          for (let start = 0; start + 6 <= secret.length; start++) {
            const part = secret.slice(start, start + 6)
            if (!vocabulary.includes(part)) {
              expect(text).not.toContain(part)
            }
          }
        }
        const withQuery = await responseOf(api.get(`/admin/engagement/platforms?include_options=true`, admin))
        expect(withQuery.status).toBe(400)
      })
    })
  },
})
