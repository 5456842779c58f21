import { engagementSuite } from "../../helpers/suite"
import type { EnqueueDeliveryInput } from "../../../src/provider-api/types"
import { adjustPoints, engagementOf, loyaltyOf } from "../../helpers/engagement"
import { responseOf } from "../../helpers/http"
import { eventually, useTestPlatforms } from "../../helpers/stand-ins"
import { createShopper } from "../../helpers/store"

jest.setTimeout(180_000)

useTestPlatforms({ ENGAGEMENT_OUTBOX_BASE_DELAY: "1h", ENGAGEMENT_HTTP_TIMEOUT: "1s" }, { contacts: true })

const EMAIL = "erin.erased@example.com"

const cancel = (n: number): EnqueueDeliveryInput => ({
  origin: "journey_cancellation",
  platform: "rejoiner",
  operation: "cancel",
  idempotency_key: `actions:cancel:${n}`,
  customer_id: `cus_actions_${n}`,
  payload: { email: `shopper${n}@example.com` },
})

/** The store owner's actions from the admin: erase (typed email), what an erasure then refuses, block, bulk cancel. */
engagementSuite({
  admin: true,
  testSuite: ({ api, getContainer }, seeded) => {
    /** A shopper with a contact profile (their own consent) and 100 points. */
    async function knownShopper() {
      const shopper = await createShopper(api, seeded.store, EMAIL, { first_name: "Erin", last_name: "Erased" })
      await api.post(
        "/store/engagement/consents",
        { consents: [{ purpose: "email_marketing", value: "True" }] },
        shopper
      )
      await eventually(async () => {
        const [profile] = await engagementOf(getContainer()).listContactProfiles({ customer_id: shopper.customerId })
        return !!profile
      })
      expect((await adjustPoints(api, seeded.admin, shopper.customerId, 100)).status).toBe(201)
      return shopper
    }

    describe("erasing from the customer page", () => {
      it("erases when the typed email matches (any case), says who erased, and refuses every write on the customer after", async () => {
        const shopper = await knownShopper()
        const id = shopper.customerId
        // a call of the shopper's that ended dead: the erasure anonymises it, and it is never sent again
        const engagement = engagementOf(getContainer())
        const [{ delivery: dead }] = await engagement.enqueueDeliveries([{ ...cancel(99), customer_id: id }])
        await engagement.updateDeliveries({ id: dead.id, status: "dead" })
        const before = await api.get(`/admin/engagement/contacts/${id}/erasure`, seeded.admin)
        expect(before.data).toEqual({ erasure: null })

        const wrong = await responseOf(
          api.post(`/admin/engagement/contacts/${id}/erase`, { confirm: "someone.else@example.com" }, seeded.admin)
        )
        expect([wrong.status, wrong.data.message]).toEqual([400, expect.stringContaining("confirm")])
        expect(await engagementOf(getContainer()).listErasures({})).toHaveLength(0)

        const erased = await api.post(
          `/admin/engagement/contacts/${id}/erase`,
          { confirm: EMAIL.toUpperCase() },
          seeded.admin
        )
        expect(erased.status).toBe(200)
        expect(erased.data.platforms.map((platform: { id: string }) => platform.id).sort()).toEqual(
          expect.arrayContaining(["crmcom", "engage"])
        )
        for (const platform of erased.data.platforms) {
          expect(platform).toEqual({
            id: expect.any(String),
            name: expect.any(String),
            stop_calls: expect.any(Array),
            still_held: expect.any(Array),
          })
        }

        const { data } = await api.get(`/admin/engagement/contacts/${id}/erasure`, seeded.admin)
        expect(data.erasure).toEqual({
          id: erased.data.erasure_id,
          erased_at: expect.any(String),
          erased_by: { type: "user", id: expect.any(String), name: "Admin User", email: "admin@example.com" },
          platforms: expect.any(Object),
        })

        // every write an admin could make for the erased customer: a 400 with the reason, nothing written
        const writes: Array<[string, unknown]> = [
          [`loyalty/adjustments`, { points: 50, reason: "goodwill" }],
          [`loyalty/block`, { reason: "fraud" }],
          [`loyalty/unblock`, { reason: "cleared" }],
          [`consents`, { consents: [{ purpose: "email_marketing", value: "True" }] }],
          [`sync`, {}],
          [`journeys/cancel`, {}],
        ]
        for (const [path, body] of writes) {
          const response = await responseOf(api.post(`/admin/engagement/contacts/${id}/${path}`, body, seeded.admin))
          expect([path, response.status, response.data.message]).toEqual([path, 400, expect.stringContaining("erased")])
        }
        expect(await loyaltyOf(getContainer()).listLoyaltyAccounts({ customer_id: id })).toEqual([])
        expect(await loyaltyOf(getContainer()).listLoyaltyTransactions({ customer_id: id })).toEqual([])
        expect(await engagementOf(getContainer()).listConsents({ customer_id: id })).toEqual([])
        const retry = await responseOf(api.post(`/admin/engagement/deliveries/${dead.id}/retry`, {}, seeded.admin))
        expect([retry.status, retry.data.message]).toEqual([400, expect.stringContaining("erased")])
        const bulk = await api.post(`/admin/engagement/deliveries/retry`, { ids: [dead.id] }, seeded.admin)
        expect(bulk.data).toMatchObject({ retried: [], skipped: [dead.id] })
        expect((await engagement.retrieveDelivery(dead.id)).status).toBe("dead")

        // the shopper acts again themselves: the erasure is no longer in force, the admin may write again
        await api.post(
          "/store/engagement/consents",
          { consents: [{ purpose: "email_marketing", value: "False" }] },
          shopper
        )
        expect((await api.get(`/admin/engagement/contacts/${id}/erasure`, seeded.admin)).data).toEqual({
          erasure: null,
        })
        expect((await adjustPoints(api, seeded.admin, id, 10)).status).toBe(201)
      })

      it("refuses a confirm that is empty, not text or the id of another customer, and an anonymous caller", async () => {
        const shopper = await knownShopper()
        const other = await createShopper(api, seeded.store, "other@example.com")
        const url = `/admin/engagement/contacts/${shopper.customerId}/erase`
        for (const body of [
          {},
          { confirm: "" },
          { confirm: 42 },
          { confirm: other.customerId },
          { confirm: "x\u0000@y" },
        ]) {
          const response = await responseOf(api.post(url, body, seeded.admin))
          expect([response.status, response.data.message]).toEqual([400, expect.stringContaining("confirm")])
        }
        expect((await responseOf(api.post(url, { confirm: EMAIL }))).status).toBe(401)
        expect((await responseOf(api.get(`/admin/engagement/contacts/${shopper.customerId}/erasure`))).status).toBe(401)
        expect((await responseOf(api.get(`/admin/engagement/contacts/cus_missing/erasure`, seeded.admin))).status).toBe(
          404
        )
        expect(await engagementOf(getContainer()).listErasures({})).toHaveLength(0)
      })
    })

    it("blocks spending with the owner's reason, shows it to the admin, and unblocks", async () => {
      const shopper = await knownShopper()
      const base = `/admin/engagement/contacts/${shopper.customerId}/loyalty`
      const blocked = await api.post(`${base}/block`, { reason: "chargeback under review" }, seeded.admin)
      expect(blocked.data.loyalty).toMatchObject({ spending_blocked: true, blocked_reason: "chargeback under review" })
      expect((await api.get(base, seeded.admin)).data.loyalty).toMatchObject({
        spending_blocked: true,
        blocked_reason: "chargeback under review",
      })
      const empty = await responseOf(api.post(`${base}/unblock`, { reason: "  " }, seeded.admin))
      expect([empty.status, empty.data.message]).toEqual([400, expect.stringContaining("reason")])
      const unblocked = await api.post(`${base}/unblock`, { reason: "cleared" }, seeded.admin)
      expect(unblocked.data.loyalty).toMatchObject({ spending_blocked: false, blocked_reason: null })
    })

    describe("POST /admin/engagement/deliveries/cancel", () => {
      async function rowsAs(status: "dead" | "failed" | "delivered" | "pending", numbers: number[]) {
        const engagement = engagementOf(getContainer())
        const ids = (await engagement.enqueueDeliveries(numbers.map(cancel))).map(({ delivery }) => delivery.id)
        await engagement.updateDeliveries(
          ids.map((id) => ({ id, status, next_attempt_at: new Date(Date.now() + 3_600_000) }))
        )
        return ids
      }

      it("cancels the failed and dead rows a filter selects, leaves waiting and delivered rows, and a retry no longer takes them", async () => {
        const engagement = engagementOf(getContainer())
        const dead = await rowsAs("dead", [1, 2])
        const failed = await rowsAs("failed", [3])
        const [waiting] = await rowsAs("pending", [4])
        const [delivered] = await rowsAs("delivered", [5])

        const response = await api.post(
          `/admin/engagement/deliveries/cancel`,
          { filter: { platform: ["rejoiner"] } },
          seeded.admin
        )

        expect(response.status).toBe(200)
        expect([...response.data.canceled].sort()).toEqual([...dead, ...failed].sort())
        expect(response.data.has_more).toBe(false)
        const rows = await engagement.listDeliveries({ id: [...dead, ...failed, waiting, delivered] })
        expect(Object.fromEntries(rows.map((row) => [row.id, row.status]))).toEqual({
          [dead[0]]: "canceled",
          [dead[1]]: "canceled",
          [failed[0]]: "canceled",
          [waiting]: "pending",
          [delivered]: "delivered",
        })
        const retried = await api.post(`/admin/engagement/deliveries/retry`, { filter: {} }, seeded.admin)
        expect(retried.data.retried).toEqual([])
      })

      it("cancels chosen ids, names those it left, and refuses bad selections with a 400 naming the field", async () => {
        const [dead] = await rowsAs("dead", [10])
        const [delivered] = await rowsAs("delivered", [11])
        const response = await api.post(
          `/admin/engagement/deliveries/cancel`,
          { ids: [dead, delivered, "engdel_missing"] },
          seeded.admin
        )
        expect(response.data).toEqual({ canceled: [dead], skipped: [delivered, "engdel_missing"], has_more: false })

        const cases: Array<[unknown, string]> = [
          [{}, "ids"],
          [{ ids: [dead], filter: {} }, "ids"],
          [{ filter: { status: ["pending"] } }, "filter.status"],
          [{ filter: { platform: ["a\u0000b"] } }, "filter.platform"],
          [{ filter: {}, extra: 1 }, "extra"],
        ]
        for (const [body, field] of cases) {
          const refused = await responseOf(api.post(`/admin/engagement/deliveries/cancel`, body, seeded.admin))
          expect([refused.status, refused.data.message]).toEqual([400, expect.stringContaining(field)])
        }
        expect((await responseOf(api.post(`/admin/engagement/deliveries/cancel`, { filter: {} }))).status).toBe(401)
        expect((await engagementOf(getContainer()).retrieveDelivery(delivered)).status).toBe("delivered")
      })
    })
  },
})
