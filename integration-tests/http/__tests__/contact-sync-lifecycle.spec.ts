import { Modules } from "@medusajs/framework/utils"
import { engagementSuite } from "../../helpers/suite"
import { backfillContacts } from "../../../src/scripts/backfill-contacts"
import { contactSyncOf, engagementOf, syncContactsNow, syncedShopper } from "../../helpers/engagement"
import { responseOf } from "../../helpers/http"
import { bodiesOf, eventually, useContactSyncPlatforms } from "../../helpers/stand-ins"
import { createAdminHeaders, placeOrder } from "../../helpers/store"

jest.setTimeout(240_000)

const platforms = useContactSyncPlatforms()
const { expertsender, engage, rejoiner, crmcom } = platforms

/** Contacts over their life on the platforms: backfill, CRM.COM registration and sign-in, Rejoiner journeys stopped. */
engagementSuite({
  testSuite: ({ api, getContainer }, seeded) => {
    const register = async (email = "grace@example.com") =>
      (seeded.shopper = await syncedShopper(api, seeded.store, getContainer(), email))

    it("stops a contact's Rejoiner journeys from the admin, and refuses a bad body", async () => {
      await register()
      const admin = await createAdminHeaders(getContainer())
      const bad = await responseOf(
        api.post(`/admin/engagement/contacts/${seeded.shopper.customerId}/journeys/cancel`, { reason: 5 }, admin)
      )
      expect(bad.status).toBe(400)
      expect(JSON.stringify(bad.data)).toContain("reason")
      const { status } = await api.post(
        `/admin/engagement/contacts/${seeded.shopper.customerId}/journeys/cancel`,
        {},
        admin
      )
      expect(status).toBe(202)
      await eventually(async () => rejoiner.acceptedCallsTo("cancel").length === 1)
      expect(bodiesOf(rejoiner, "cancel")).toEqual([{ email: "grace@example.com" }])
      const unauthenticated = await responseOf(
        api.post(`/admin/engagement/contacts/${seeded.shopper.customerId}/journeys/cancel`, {})
      )
      expect(unauthenticated.status).toBe(401)
    })

    it("backfills customers that existed before a platform was switched on, in one ExpertSender batch, and resumes", async () => {
      // customers written straight to the module emit no event: as if they predate the plugin
      await getContainer()
        .resolve(Modules.CUSTOMER)
        .createCustomers([
          { email: "ada@example.com", first_name: "Ada", last_name: "Lovelace" },
          { email: "alan@example.com", first_name: "Alan", last_name: "Turing" },
          { email: "edsger@example.com", first_name: "Edsger", last_name: "Dijkstra" },
        ])
      const progress: number[] = []
      const summary = await backfillContacts(getContainer(), {
        platform: "expertsender",
        pageSize: 2,
        onProgress: ({ seen }) => progress.push(seen),
      })
      expect(progress).toEqual([2, 3])
      expect(summary).toEqual(expect.objectContaining({ seen: 3, total: 3, enqueued: 3, already_known: 0 }))
      expect(summary.counts).toEqual(expect.objectContaining({ synced: 3 }))
      // the first page went out as one request of two customers, the second as one of one
      const batches = bodiesOf(expertsender, "upsert_customers")
      expect(batches.map((body) => body.data.map((customer: any) => customer.email))).toEqual([
        ["ada@example.com", "alan@example.com"],
        ["edsger@example.com"],
      ])
      // only the platform asked for
      expect(engage.requests).toHaveLength(0)
      expect(crmcom.requests).toHaveLength(0)

      const again = await backfillContacts(getContainer(), { platform: "expertsender" })
      expect(again).toEqual(expect.objectContaining({ seen: 3, enqueued: 0, already_known: 3 }))
      expect(expertsender.requests).toHaveLength(2)
      await expect(backfillContacts(getContainer(), { platform: "recensus" })).rejects.toThrow(
        "not a switched-on platform that keeps contacts"
      )
    })

    it("registers the customer in CRM.COM, keeps the password and tokens sealed, and signs in again when the token expires", async () => {
      await register()
      await syncContactsNow(getContainer())
      const [registration] = crmcom.acceptedCallsTo("register_contact")
      const body = registration.body as Record<string, any>
      expect(body).toEqual(
        expect.objectContaining({
          first_name: "Grace",
          last_name: "Hopper",
          identity: {
            provider: "EMAIL",
            username: "grace@example.com",
            password: expect.any(String),
            validation_required: false,
          },
        })
      )
      const password = body.identity.password as string
      expect(password.length).toBeGreaterThanOrEqual(16)
      const contactId = Object.keys(crmcom.contacts)[0]
      // the contact id is the `sub` of the token; the first update sends what registration does not
      const sync = await contactSyncOf(getContainer(), seeded.shopper.customerId, "crmcom")
      expect([sync.status, sync.external_id]).toEqual(["synced", contactId])
      expect(crmcom.acceptedCallsTo("update_contact").map((call) => call.path)).toEqual([`/contacts/${contactId}`])
      expect(bodiesOf(crmcom, "update_contact")).toEqual([{ email_address: "grace@example.com" }])

      // nothing secret is stored in clear: not in the sync state, not in the outbox
      const engagement = engagementOf(getContainer())
      const tokens = Object.keys(crmcom.tokens)
      const stored = JSON.stringify([
        await engagement.listContactSyncs({ platform: "crmcom" }),
        await engagement.listDeliveries({ platform: "crmcom" }),
      ])
      for (const secret of [password, ...tokens]) {
        expect(stored).not.toContain(secret)
      }

      // CRM.COM ends the token: the next update is refused, the token refreshed, and the update sent again
      crmcom.expireTokens()
      const admin = await createAdminHeaders(getContainer())
      await api.post(`/admin/customers/${seeded.shopper.customerId}`, { last_name: "Murray Hopper" }, admin)
      await eventually(
        async () =>
          (
            await engagement.listContactSyncs({
              customer_id: seeded.shopper.customerId,
              platform: "crmcom",
              dirty: true,
            })
          ).length === 1
      )
      await syncContactsNow(getContainer())
      expect(crmcom.callsTo("update_contact").map((call) => call.answeredWith)).toEqual([200, 401, 200])
      expect(crmcom.acceptedCallsTo("refresh_token")).toHaveLength(1)
      expect(bodiesOf(crmcom, "update_contact").at(-1)).toEqual({ last_name: "Murray Hopper" })
      expect(crmcom.contacts[contactId].last_name).toBe("Murray Hopper")
      expect((await contactSyncOf(getContainer(), seeded.shopper.customerId, "crmcom")).status).toBe("synced")
    })

    it("stops Rejoiner journeys once when an order is canceled (even if the event comes twice) and when the customer is deleted", async () => {
      await register()
      const [pen] = seeded.store.products
      const order = await placeOrder(api, seeded.store, {
        email: "grace@example.com",
        customerHeaders: seeded.shopper.headers,
        items: [{ variant_id: pen.variants[0].id, quantity: 1 }],
      })
      const admin = await createAdminHeaders(getContainer())
      await api.post(`/admin/orders/${order.id}/cancel`, {}, admin)
      await eventually(async () => rejoiner.acceptedCallsTo("cancel").length === 1)
      await getContainer()
        .resolve(Modules.EVENT_BUS)
        .emit({ name: "order.canceled", data: { id: order.id } })
      const engagement = engagementOf(getContainer())
      await eventually(
        async () =>
          (await engagement.listDeliveries({ platform: "rejoiner", operation: "cancel", status: "delivered" }))
            .length === 1
      )
      expect(bodiesOf(rejoiner, "cancel")).toEqual([{ email: "grace@example.com" }])

      await api.delete(`/admin/customers/${seeded.shopper.customerId}`, admin)
      await eventually(async () => rejoiner.acceptedCallsTo("cancel").length === 2)
      const cancels = await engagement.listDeliveries({ platform: "rejoiner", operation: "cancel" })
      expect(cancels.map((row) => row.idempotency_key).sort()).toEqual(
        [
          `journey-cancel:rejoiner:customer-deleted:${seeded.shopper.customerId}`,
          `journey-cancel:rejoiner:order-canceled:${order.id}`,
        ].sort()
      )
    })
  },
})
