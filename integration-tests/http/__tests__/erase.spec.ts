import { engagementSuite } from "../../helpers/suite"
import type LoyaltyModuleService from "../../../src/modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../src/modules/loyalty/types"
import { contactSyncOf, engagementOf, syncContactsNow, scanPluginTables, withoutTimes } from "../../helpers/engagement"
import { responseOf } from "../../helpers/http"
import { bodiesOf, eventually, useTestPlatforms } from "../../helpers/stand-ins"
import { createAdminHeaders, createShopper, placeOrder } from "../../helpers/store"

jest.setTimeout(240_000)

// a failed call waits an hour: it is still waiting when the shopper is erased
const platforms = useTestPlatforms(
  {
    ENGAGEMENT_OUTBOX_BASE_DELAY: "1h",
    ENGAGEMENT_HTTP_TIMEOUT: "2s",
    ENGAGEMENT_EXPERTSENDER_CONSENT_IDS: "email_marketing=1,sms_marketing=2",
  },
  { contacts: true }
)
const { expertsender, engage, rejoiner, crmcom } = platforms

const EMAIL = "erasmina.forgetsen@example.com"
const FIRST = "Erasmina"
const LAST = "Forgetsen"
// the phone as typed and as the profile keeps it
const NEEDLES = [EMAIL, FIRST, LAST, "5550199", "555 0199"]

/** Erasing a shopper: every plugin table, waiting calls and each platform told once. */
engagementSuite({
  testSuite: ({ api, getContainer }, seeded) => {
    const scan = () => scanPluginTables(getContainer(), NEEDLES)

    it("erases the shopper from every plugin table, cancels their waiting calls and tells each platform once", async () => {
      const container = getContainer()
      const engagement = engagementOf(container)
      const admin = await createAdminHeaders(container)
      const shopper = await createShopper(api, seeded.store, EMAIL, { first_name: FIRST, last_name: LAST })
      await api.post(`/admin/customers/${shopper.customerId}`, { phone: "+1 555 0199" }, admin)
      await api.post(
        "/store/engagement/consents",
        {
          consents: [
            { purpose: "email_marketing", value: "True", wording: "Send me offers", info: { where: "account page" } },
          ],
        },
        shopper
      )
      await eventually(async () => {
        const [profile] = await engagement.listContactProfiles({ customer_id: shopper.customerId })
        return profile?.phone === "+15550199"
      })
      await contactSyncOf(container, shopper.customerId, "crmcom")
      await syncContactsNow(container)
      const engageId = (await contactSyncOf(container, shopper.customerId, "engage")).external_id
      expect(engageId).toBeTruthy()
      expect(crmcom.acceptedCallsTo("register_contact")).toHaveLength(1)

      // a real order: order facts, a review request, loyalty points, and a conversion that fails and waits
      rejoiner.failNext(1, { kind: "status", status: 503 })
      const [pen] = seeded.store.products
      const order = await placeOrder(api, seeded.store, {
        email: EMAIL,
        customerHeaders: shopper.headers,
        items: [{ variant_id: pen.variants[0].id, quantity: 1 }],
      })
      await eventually(async () => (await engagement.listReviewRequests({ order_id: order.id })).length === 1)
      await eventually(async () => {
        const [profile] = await engagement.listContactProfiles({ customer_id: shopper.customerId })
        return profile.order_count === 1 && profile.loyalty
      })
      const waiting = await eventually(async () => {
        // refused once, waiting for its next attempt
        const rows = await engagement.listDeliveries({ customer_id: shopper.customerId, status: ["pending", "failed"] })
        return rows.some((row) => row.last_error) ? rows : undefined
      })
      const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
      const [account] = await eventually(async () => {
        const rows = await loyalty.listLoyaltyAccounts({ customer_id: shopper.customerId })
        return rows.length ? rows : undefined
      })

      // before: the scan finds the shopper in the plugin's tables (so an empty scan afterwards means
      // something), once the order's late work (contact syncs marked and sent) has settled: the
      // refused requests below must leave the tables exactly as they are
      let before = await scan()
      for (let tries = 0; tries < 30; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 1000))
        const again = await scan()
        const settled = JSON.stringify(withoutTimes(again.dump)) === JSON.stringify(withoutTimes(before.dump))
        before = again
        if (settled) {
          break
        }
      }
      expect(before.tables).toEqual(
        expect.arrayContaining(["engagement_contact_profile", "engagement_erasure", "loyalty_account"])
      )
      expect(before.hits).toEqual(
        expect.arrayContaining([
          `engagement_contact_profile: ${EMAIL}`,
          `engagement_contact_profile: ${FIRST}`,
          "engagement_contact_profile: 5550199",
          `engagement_delivery: ${EMAIL}`,
          `engagement_review_request: ${EMAIL}`,
        ])
      )

      // only an admin, and only with the customer's id or email repeated
      const url = `/admin/engagement/contacts/${shopper.customerId}/erase`
      expect((await responseOf(api.post(url, { confirm: shopper.customerId }))).status).toBe(401)
      expect((await responseOf(api.post(url, { confirm: shopper.customerId }, shopper))).status).toBe(401)
      for (const body of [
        {},
        { confirm: "someone.else@example.com" },
        { confirm: "cus_someone_else" },
        { confirm: true },
        { confirm: shopper.customerId, extra: 1 },
      ]) {
        const refused = await responseOf(api.post(url, body, admin))
        expect(refused.status).toBe(400)
        expect(refused.data.message).toMatch(/confirm|extra/)
      }
      expect(withoutTimes((await scan()).dump)).toEqual(withoutTimes(before.dump))

      const erased = await api.post(url, { confirm: shopper.customerId }, admin)
      expect(erased.status).toBe(200)
      expect(erased.data).toEqual(
        expect.objectContaining({
          customer_id: shopper.customerId,
          erasure_id: expect.stringMatching(/^engera_/),
          erased_before: [],
        })
      )
      expect(erased.data.erased).toEqual(
        expect.objectContaining({
          contact_profile: 1,
          order_facts: 1,
          review_requests: 1,
          contact_syncs: 4,
          consents_withdrawn: 1,
          loyalty_accounts_closed: 1,
        })
      )
      expect(erased.data.erased.deliveries_canceled).toBeGreaterThanOrEqual(1)
      const byPlatform = Object.fromEntries(erased.data.platforms.map((platform: any) => [platform.id, platform]))
      expect(Object.keys(byPlatform).sort()).toEqual(["crmcom", "engage", "expertsender", "recensus", "rejoiner"])
      expect(byPlatform.recensus.stop_calls).toEqual([])
      expect(byPlatform.rejoiner.stop_calls).toEqual(["unsubscribe", "cancel"])
      expect(byPlatform.expertsender.stop_calls).toEqual(["upsert_customers"])
      expect(byPlatform.engage.stop_calls).toEqual(["update_contact"])
      expect(byPlatform.crmcom.stop_calls).toEqual(["update_contact", "update_consents"])
      for (const platform of Object.values(byPlatform) as any[]) {
        expect(platform.still_held.length).toBeGreaterThan(0)
      }

      // the waiting conversion is canceled, never sent
      for (const row of waiting) {
        const now = await engagement.retrieveDelivery(row.id)
        expect(now.status).toBe("canceled")
      }
      // the stop calls go out through the outbox
      const stopCalls = await eventually(async () => {
        await engagement.dispatchDueDeliveries()
        const rows = await engagement.listDeliveries({ subject_id: erased.data.erasure_id })
        return rows.length === 6 && rows.every((row) => row.status === "delivered") ? rows : undefined
      })
      expect(stopCalls).toHaveLength(6)
      const received = () => ({
        unsubscribe: bodiesOf(rejoiner, "unsubscribe").filter((body) => body.email === EMAIL),
        cancel: bodiesOf(rejoiner, "cancel").filter((body) => body.email === EMAIL),
        expertsender: bodiesOf(expertsender, "upsert_customers").filter((body) => body.mode === "Update"),
        engage: engage.acceptedCallsTo("update_contact").filter((call) => (call.body as any)?.acceptsSms === false),
        crmOptOut: bodiesOf(crmcom, "update_contact").filter((body) => body.sms_opt_out === true),
        crmConsents: bodiesOf(crmcom, "update_consents").filter((body) => body.consent_state === "REJECTED"),
      })
      const once = received()
      expect(once.unsubscribe).toHaveLength(1)
      expect(once.cancel).toHaveLength(1)
      expect(once.expertsender).toEqual([
        {
          mode: "Update",
          matchBy: "Email",
          data: [
            {
              email: EMAIL,
              consentsData: {
                consents: [
                  { id: 1, value: "False" },
                  { id: 2, value: "False" },
                ],
              },
            },
          ],
        },
      ])
      expect(once.engage.map((call) => [call.path, call.body])).toEqual([
        [expect.stringContaining(String(engageId)), { acceptsEmail: false, acceptsSms: false }],
      ])
      expect(once.crmOptOut).toEqual([{ email_opt_out: true, sms_opt_out: true }])
      expect(once.crmConsents).toEqual([{ consent_state: "REJECTED" }])

      // nothing of the shopper is left in any plugin table; the proof of withdrawal is
      const after = await scan()
      expect(after.hits).toEqual([])
      const proof = await engagement.listConsents(
        { customer_id: `erased:${erased.data.erasure_id}` },
        { order: { recorded_at: "ASC" } }
      )
      expect(proof.map(({ purpose, value, source }) => ({ purpose, value, source }))).toEqual([
        { purpose: "email_marketing", value: "True", source: "storefront" },
        { purpose: "email_marketing", value: "False", source: "admin" },
      ])
      expect(
        proof.every((row) => row.ip === null && row.user_agent === null && row.info === null && row.recorded_at)
      ).toBe(true)
      expect(await engagement.listConsents({ customer_id: shopper.customerId })).toEqual([])
      // the loyalty account is closed under a pseudonym, and its ledger still adds up
      const closed = await loyalty.retrieveLoyaltyAccount(account.id)
      expect([closed.customer_id, closed.spending_blocked]).toEqual([`erased:${erased.data.erasure_id}`, true])
      expect(await loyalty.verifyLedger()).toEqual([])
      // the erasure is recorded without the shopper
      const [record] = await engagement.listErasures({ id: erased.data.erasure_id })
      expect(record.actor_type).toBe("user")
      expect(JSON.stringify(record)).not.toContain(shopper.customerId)

      // the export has nothing left
      const exported = await responseOf(api.get(`/admin/engagement/contacts/${shopper.customerId}/export`, admin))
      expect(exported.status).toBe(404)
      for (const needle of NEEDLES) {
        expect(JSON.stringify(exported.data).toLowerCase()).not.toContain(needle.toLowerCase())
      }

      // erasing again is harmless: nothing left, no second stop call
      const again = await api.post(url, { confirm: shopper.customerId }, admin)
      expect(again.status).toBe(200)
      expect(Object.values(again.data.erased).every((count) => count === 0)).toBe(true)
      expect(again.data.erased_before).toEqual([{ id: erased.data.erasure_id, erased_at: expect.any(String) }])
      expect(again.data.platforms.every((platform: any) => platform.stop_calls.length === 0)).toBe(true)
      await engagement.dispatchDueDeliveries()
      expect(received()).toEqual(once)
      expect((await scan()).hits).toEqual([])
    })
  },
})
