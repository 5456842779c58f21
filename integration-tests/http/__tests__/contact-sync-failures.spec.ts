import { Modules } from "@medusajs/framework/utils"
import { engagementSuite } from "../../helpers/suite"
import { backfillContacts } from "../../../src/scripts/backfill-contacts"
import {
  contactSyncOf,
  engagementOf,
  makeDeliveriesDue,
  syncContactsNow,
  syncedShopper,
} from "../../helpers/engagement"
import { responseOf } from "../../helpers/http"
import { bodiesOf, eventually, useContactSyncPlatforms } from "../../helpers/stand-ins"
import { createAdminHeaders } from "../../helpers/store"

jest.setTimeout(240_000)

const platforms = useContactSyncPlatforms()
const { expertsender, engage, rejoiner, crmcom } = platforms

/** The contact sync when platforms fail: outages, Engage's fallback and conflicts, 429s, an existing CRM.COM contact, a refused batch. */
engagementSuite({
  testSuite: ({ api, getContainer }, seeded) => {
    const register = async (email = "grace@example.com") =>
      (seeded.shopper = await syncedShopper(api, seeded.store, getContainer(), email))

    it("loses nothing and doubles nothing when platforms are down for a while", async () => {
      await register()
      expertsender.failNext(3, { kind: "status", status: 503 })
      engage.failNext(3, { kind: "timeout" })
      rejoiner.failNext(3, { kind: "reset" })
      crmcom.failNext(3, {
        kind: "status",
        status: 503,
        body: { code: "SERVICE_UNAVAILABLE", message: "down for maintenance" },
      })
      await syncContactsNow(getContainer())
      const engagement = engagementOf(getContainer())
      expect(await engagement.listDeliveries({ status: "pending" })).toHaveLength(4)

      // time passes; every platform comes back after three failed attempts
      for (let round = 0; round < 3; round++) {
        await makeDeliveriesDue(getContainer())
        await engagement.runContactSync()
      }
      expect(await engagement.listDeliveries({ status: ["pending", "sending", "failed", "dead"] })).toHaveLength(0)
      expect(expertsender.acceptedCallsTo("upsert_customers")).toHaveLength(1)
      expect(engage.callsTo("lookup_contact").filter((call) => call.answeredWith === 404)).toHaveLength(1)
      expect(engage.acceptedCallsTo("create_contact")).toHaveLength(1)
      expect(Object.keys(engage.contacts)).toHaveLength(1)
      expect(rejoiner.acceptedCallsTo("create_customer")).toHaveLength(1)
      expect(crmcom.acceptedCallsTo("register_contact")).toHaveLength(1)
      expect(Object.keys(crmcom.contacts)).toHaveLength(1)
      const syncs = await engagement.listContactSyncs({ customer_id: seeded.shopper.customerId })
      expect(syncs.map((row) => [row.platform, row.status])).toEqual(
        expect.arrayContaining([
          ["expertsender", "synced"],
          ["engage", "synced"],
          ["rejoiner", "synced"],
          ["crmcom", "synced"],
        ])
      )
    })

    it("falls back to Engage's bulk endpoint when a create keeps failing, and reconciles the id at the next lookup", async () => {
      await register()
      engage.failNext(1, { kind: "status", status: 404, body: { statusCode: 404, errorCode: "ContactNotFound" } })
      engage.failNext(3, { kind: "status", status: 500 })
      await syncContactsNow(getContainer())
      const engagement = engagementOf(getContainer())
      for (let round = 0; round < 3; round++) {
        await makeDeliveriesDue(getContainer(), "engage")
        await engagement.runContactSync()
      }
      expect(bodiesOf(engage, "bulk_create")).toEqual([
        [{ email: "grace@example.com", firstName: "Grace", lastName: "Hopper" }],
      ])
      const dead = await engagement.listDeliveries({ platform: "engage", operation: "create_contact" })
      expect(dead.map((row) => [row.status, row.attempts])).toEqual([["dead", 3]])
      let sync = await contactSyncOf(getContainer(), seeded.shopper.customerId, "engage")
      expect([sync.status, sync.external_id]).toEqual(["synced", null])

      // the next change looks the contact up, keeps its id and sends only what differs
      const admin = await createAdminHeaders(getContainer())
      await api.post(`/admin/customers/${seeded.shopper.customerId}`, { last_name: "Murray Hopper" }, admin)
      await eventually(
        async () =>
          (
            await engagement.listContactSyncs({
              customer_id: seeded.shopper.customerId,
              platform: "engage",
              dirty: true,
            })
          ).length === 1
      )
      await syncContactsNow(getContainer())
      sync = await contactSyncOf(getContainer(), seeded.shopper.customerId, "engage")
      expect(sync.external_id).toBe(Object.keys(engage.contacts)[0])
      expect(bodiesOf(engage, "update_contact")).toEqual([{ lastName: "Murray Hopper" }])
    })

    it("shows an Engage conflict in the admin instead of creating a contact", async () => {
      engage.markAmbiguous("grace@example.com")
      await register()
      await syncContactsNow(getContainer())
      expect(engage.acceptedCallsTo("create_contact")).toHaveLength(0)
      const admin = await createAdminHeaders(getContainer())
      const { contact } = (await api.get(`/admin/engagement/contacts/${seeded.shopper.customerId}`, admin)).data
      expect(contact.sync).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            platform: "engage",
            status: "conflict",
            last_error: expect.stringContaining("409"),
          }),
        ])
      )
      expect(JSON.stringify(contact.sync)).not.toContain("credentials")

      // the store owner merges the duplicates in Engage, then asks for the contact to be sent again
      engage.state.ambiguous = []
      const unknown = await responseOf(
        api.post(`/admin/engagement/contacts/${seeded.shopper.customerId}/sync`, { platforms: ["recensus"] }, admin)
      )
      expect([unknown.status, unknown.data.message]).toEqual([
        400,
        expect.stringMatching(/^platforms: recensus is not switched on for contact sync/),
      ])
      const resynced = await api.post(
        `/admin/engagement/contacts/${seeded.shopper.customerId}/sync`,
        { platforms: ["engage"], reset: true },
        admin
      )
      expect(resynced.data.contact.sync).toEqual(
        expect.arrayContaining([expect.objectContaining({ platform: "engage", status: "pending" })])
      )
      await engagementOf(getContainer()).runContactSync()
      expect(bodiesOf(engage, "create_contact")).toEqual([
        { email: "grace@example.com", firstName: "Grace", lastName: "Hopper" },
      ])
      expect((await contactSyncOf(getContainer(), seeded.shopper.customerId, "engage")).status).toBe("synced")
    })

    it("honours a 429's Retry-After without spending an attempt, then delivers", async () => {
      await register()
      expertsender.failNext(1, { kind: "status", status: 429, headers: { "Retry-After": "3" } })
      await syncContactsNow(getContainer())
      const engagement = engagementOf(getContainer())
      const [waiting] = await engagement.listDeliveries({ platform: "expertsender" })
      expect(waiting.status).toBe("pending")
      expect(waiting.attempts).toBe(0)
      expect(new Date(waiting.next_attempt_at).getTime()).toBeGreaterThan(Date.now() + 2_000)
      await makeDeliveriesDue(getContainer(), "expertsender")
      await engagement.dispatchDueDeliveries({ platforms: ["expertsender"] })
      // this process pauses the platform until Retry-After has passed: nothing is sent before
      expect(expertsender.requests).toHaveLength(1)
      await new Promise((resolve) => setTimeout(resolve, 3_100))
      await engagement.dispatchDueDeliveries({ platforms: ["expertsender"] })
      const [delivered] = await engagement.listDeliveries({ platform: "expertsender" })
      expect([delivered.status, delivered.attempts]).toEqual(["delivered", 1])
      expect(expertsender.acceptedCallsTo("upsert_customers")).toHaveLength(1)
    })

    it("marks a customer who already exists in CRM.COM as needing linking, and does not retry forever", async () => {
      crmcom.contacts["crm-existing"] = {
        id: "crm-existing",
        username: "grace@example.com",
        password: "not-ours",
        is_verified: true,
      }
      await register()
      await syncContactsNow(getContainer())
      expect(crmcom.callsTo("register_contact").map((call) => call.answeredWith)).toEqual([400])
      const sync = await contactSyncOf(getContainer(), seeded.shopper.customerId, "crmcom")
      expect(sync.status).toBe("needs_linking")
      expect(sync.last_error).toContain("password the plugin does not hold")

      // a later change does not register again
      const admin = await createAdminHeaders(getContainer())
      await api.post(`/admin/customers/${seeded.shopper.customerId}`, { first_name: "G." }, admin)
      await eventually(
        async () =>
          (
            await engagementOf(getContainer()).listContactSyncs({
              customer_id: seeded.shopper.customerId,
              platform: "crmcom",
              dirty: true,
            })
          ).length === 1
      )
      await syncContactsNow(getContainer())
      expect(crmcom.callsTo("register_contact")).toHaveLength(1)
      const { contact } = (await api.get(`/admin/engagement/contacts/${seeded.shopper.customerId}`, admin)).data
      expect(contact.sync).toEqual(
        expect.arrayContaining([expect.objectContaining({ platform: "crmcom", status: "needs_linking" })])
      )
    })

    it("sends each contact of a refused ExpertSender batch again on its own, so one bad contact holds up no other", async () => {
      await getContainer()
        .resolve(Modules.CUSTOMER)
        .createCustomers([
          { email: "ada@example.com", first_name: "Ada" },
          { email: "alan@example.com", first_name: "Alan" },
        ])
      expertsender.failNext(1, {
        kind: "status",
        status: 400,
        body: {
          type: "about:blank",
          title: "Bad Request",
          status: 400,
          detail: "One or more customers were not processed.",
          errors: ["data[1]: refused"],
        },
      })
      const summary = await backfillContacts(getContainer(), { platform: "expertsender" })
      expect(summary.counts).toEqual(expect.objectContaining({ synced: 2, error: 0 }))
      expect(
        expertsender.callsTo("upsert_customers").map((call) => [call.answeredWith, (call.body as any).data.length])
      ).toEqual([
        [400, 2],
        [201, 1],
        [201, 1],
      ])
      const syncs = await engagementOf(getContainer()).listContactSyncs({ platform: "expertsender" })
      expect(syncs.map((row) => [row.status, row.send_alone, row.last_error])).toEqual([
        ["synced", false, null],
        ["synced", false, null],
      ])
    })
  },
})
