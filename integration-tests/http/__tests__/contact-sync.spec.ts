import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { backfillContacts } from "../../../src/scripts/backfill-contacts"
import { contactSyncOf, engagementOf, makeDeliveriesDue, syncContactsNow } from "../../helpers/engagement"
import { responseOf } from "../../helpers/http"
import { eventually, useTestPlatforms } from "../../helpers/stand-ins"
import {
  createAdminHeaders,
  createShopper,
  CustomerSession,
  placeOrder,
  seedTestStore,
  TestStore,
} from "../../helpers/store"

jest.setTimeout(240_000)

// a long window: nothing is due by itself, the tests decide when the sync runs
const platforms = useTestPlatforms(
  {
    ENGAGEMENT_CONTACT_SYNC_WINDOW: "1h",
    ENGAGEMENT_OUTBOX_BASE_DELAY: "5s",
    ENGAGEMENT_HTTP_TIMEOUT: "2s",
    ENGAGEMENT_EXPERTSENDER_CONSENT_IDS: "email_marketing=1,sms_marketing=2",
  },
  { contacts: true }
)
const { expertsender, engage, rejoiner, crmcom } = platforms

const bodiesOf = (standIn: { acceptedCallsTo(route: string): { body: unknown }[] }, route: string) =>
  standIn.acceptedCallsTo(route).map((call) => call.body as Record<string, any>)

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let store: TestStore
    let shopper: CustomerSession

    const register = async (email = "grace@example.com") => {
      shopper = await createShopper(api, store, email, { first_name: "Grace", last_name: "Hopper" })
      await contactSyncOf(getContainer(), shopper.customerId, "engage")
      return shopper
    }

    beforeEach(async () => {
      store = await seedTestStore(getContainer())
    })

    it("sends a new customer to each platform as the seeds describe, and an order's statistics after it", async () => {
      await register()
      await syncContactsNow(getContainer())

      expect(bodiesOf(expertsender, "upsert_customers")).toEqual([
        {
          mode: "AddOrUpdate",
          matchBy: "Email",
          data: [
            { email: "grace@example.com", firstName: "Grace", lastName: "Hopper", customAttributes: expect.any(Array) },
          ],
        },
      ])
      // Engage: look up first, create on 404, keep the returned id
      expect(engage.callsTo("lookup_contact").map((call) => call.query)).toEqual([{ email: "grace@example.com" }])
      expect(bodiesOf(engage, "create_contact")).toEqual([
        { email: "grace@example.com", firstName: "Grace", lastName: "Hopper" },
      ])
      const engageId = Object.keys(engage.contacts)[0]
      expect((await contactSyncOf(getContainer(), shopper.customerId, "engage")).external_id).toBe(engageId)
      expect(bodiesOf(rejoiner, "create_customer")).toEqual([
        expect.objectContaining({ email: "grace@example.com", first_name: "Grace", last_name: "Hopper" }),
      ])

      const [pen] = store.products
      const order = await placeOrder(api, store, {
        email: "grace@example.com",
        customerHeaders: shopper.headers,
        items: [{ variant_id: pen.variants[0].id, quantity: 2 }],
      })
      const engagement = engagementOf(getContainer())
      await eventually(async () => {
        const [profile] = await engagement.listContactProfiles({ customer_id: shopper.customerId })
        return profile.order_count === 1
      })
      await eventually(
        async () =>
          (await engagement.listContactSyncs({ customer_id: shopper.customerId, dirty: true })).length ===
          engagementOf(getContainer()).contactSyncPlatforms().length
      )
      await syncContactsNow(getContainer())

      const [, statistics] = bodiesOf(expertsender, "upsert_customers")
      expect(statistics.data).toHaveLength(1)
      const attributes = Object.fromEntries(statistics.data[0].customAttributes.map((a: any) => [a.name, a.value]))
      expect(attributes).toEqual(expect.objectContaining({ order_count: "1", currency_code: "eur" }))
      expect(Number(attributes.total_spent)).toBe(Number(order.total))
      // only what changed, with the identifying field
      expect(Object.keys(statistics.data[0]).sort()).toEqual(["customAttributes", "email"])
      // Rejoiner: the update carries the whole metadata, addressed by email
      const [update] = rejoiner.acceptedCallsTo("update_customer")
      expect(update.path).toBe("/customers/grace%40example.com/")
      expect((update.body as any).metadata).toEqual(
        expect.objectContaining({ order_count: "1", currency_code: "eur", rfm_segment: expect.any(String) })
      )
      // Engage keeps no statistics: nothing changed for it
      expect(engage.acceptedCallsTo("update_contact")).toHaveLength(0)

      // the admin can read ExpertSender's own copy (the platform's API's lookups)
      const admin = await createAdminHeaders(getContainer())
      const copy = await api.get(`/admin/engagement/contacts/${shopper.customerId}/platform-copy?by=email`, admin)
      expect(expertsender.callsTo("get_customer_by_email").map((call) => call.path)).toEqual([
        "/customers/email/grace%40example.com",
      ])
      expect(copy.data.customer).toEqual(expect.objectContaining({ email: "grace@example.com", firstName: "Grace" }))
      const noPhone = await responseOf(
        api.get(`/admin/engagement/contacts/${shopper.customerId}/platform-copy?by=phone`, admin)
      )
      expect([noPhone.status, noPhone.data.message]).toEqual([
        400,
        "by: the contact has no phone to look up in ExpertSender",
      ])
      const badKey = await responseOf(
        api.get(`/admin/engagement/contacts/${shopper.customerId}/platform-copy?by=shoe_size`, admin)
      )
      expect(badKey.status).toBe(400)
      expect(JSON.stringify(badKey.data)).toContain("by")
    })

    it("turns a burst of changes to one customer into one call per platform, sending Engage only the changes", async () => {
      await register()
      await syncContactsNow(getContainer())
      const before = {
        es: expertsender.requests.length,
        engage: engage.requests.length,
        rj: rejoiner.requests.length,
        crm: crmcom.requests.length,
      }

      const admin = await createAdminHeaders(getContainer())
      for (const [index, name] of ["Grace B.", "Grace M.", "Grace Brewster"].entries()) {
        await api.post(
          `/admin/customers/${shopper.customerId}`,
          { first_name: name, phone: `+1 555 010${index}` },
          admin
        )
      }
      await eventually(async () => {
        const [profile] = await engagementOf(getContainer()).listContactProfiles({ customer_id: shopper.customerId })
        return profile.first_name === "Grace Brewster" && profile.phone === "+15550102"
      })
      await syncContactsNow(getContainer())

      expect(expertsender.requests.length - before.es).toBe(1)
      expect(engage.requests.length - before.engage).toBe(1)
      expect(rejoiner.requests.length - before.rj).toBe(1)
      // CRM.COM keeps no phone: the names only
      expect(crmcom.requests.length - before.crm).toBe(1)
      expect(bodiesOf(crmcom, "update_contact").at(-1)).toEqual({ first_name: "Grace Brewster" })
      expect(bodiesOf(engage, "update_contact")).toEqual([{ firstName: "Grace Brewster", mobilePhone: "+15550102" }])
      expect(bodiesOf(expertsender, "upsert_customers").at(-1)!.data).toEqual([
        { email: "grace@example.com", firstName: "Grace Brewster", phone: "+15550102" },
      ])
      expect(bodiesOf(rejoiner, "update_customer")).toEqual([
        { email: "grace@example.com", first_name: "Grace Brewster", phone: "+15550102" },
      ])
    })

    it("tells every platform when email marketing is withdrawn and given again", async () => {
      await register()
      await syncContactsNow(getContainer())

      await api.post(
        "/store/engagement/consents",
        { consents: [{ purpose: "email_marketing", value: "False" }] },
        shopper
      )
      await eventually(
        async () =>
          (await engagementOf(getContainer()).listContactSyncs({ customer_id: shopper.customerId, dirty: true }))
            .length === engagementOf(getContainer()).contactSyncPlatforms().length
      )
      await syncContactsNow(getContainer())
      expect(bodiesOf(rejoiner, "unsubscribe")).toEqual([{ email: "grace@example.com" }])
      expect(bodiesOf(crmcom, "update_contact").at(-1)).toEqual({ email_opt_out: true })
      expect(bodiesOf(crmcom, "update_consents")).toEqual([{ consent_state: "REJECTED" }])
      expect(bodiesOf(engage, "update_contact")).toEqual([{ acceptsEmail: false }])
      expect(bodiesOf(expertsender, "upsert_customers").at(-1)!.data).toEqual([
        { email: "grace@example.com", consentsData: { consents: [{ id: 1, value: "False" }] } },
      ])

      await api.post(
        "/store/engagement/consents",
        {
          consents: [
            { purpose: "email_marketing", value: "True", wording: "Send me offers", info: { where: "account page" } },
          ],
        },
        shopper
      )
      await eventually(
        async () =>
          (await engagementOf(getContainer()).listContactSyncs({ customer_id: shopper.customerId, dirty: true }))
            .length === engagementOf(getContainer()).contactSyncPlatforms().length
      )
      await syncContactsNow(getContainer())
      expect(bodiesOf(rejoiner, "opt_in")).toEqual([
        expect.objectContaining({
          email: "grace@example.com",
          type: "email_marketing (storefront)",
          wording: "Send me offers",
          where: "account page",
        }),
      ])
      expect(bodiesOf(engage, "update_contact").at(-1)).toEqual({ acceptsEmail: true })
      expect(bodiesOf(expertsender, "upsert_customers").at(-1)!.data[0].consentsData).toEqual({
        consents: [{ id: 1, value: "True" }],
      })
      expect(bodiesOf(crmcom, "update_contact").at(-1)).toEqual({ email_opt_out: false })
      expect(bodiesOf(crmcom, "update_consents").at(-1)).toEqual({ consent_state: "ACCEPTED" })
    })

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
      const syncs = await engagement.listContactSyncs({ customer_id: shopper.customerId })
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
      let sync = await contactSyncOf(getContainer(), shopper.customerId, "engage")
      expect([sync.status, sync.external_id]).toEqual(["synced", null])

      // the next change looks the contact up, keeps its id and sends only what differs
      const admin = await createAdminHeaders(getContainer())
      await api.post(`/admin/customers/${shopper.customerId}`, { last_name: "Murray Hopper" }, admin)
      await eventually(
        async () =>
          (await engagement.listContactSyncs({ customer_id: shopper.customerId, platform: "engage", dirty: true }))
            .length === 1
      )
      await syncContactsNow(getContainer())
      sync = await contactSyncOf(getContainer(), shopper.customerId, "engage")
      expect(sync.external_id).toBe(Object.keys(engage.contacts)[0])
      expect(bodiesOf(engage, "update_contact")).toEqual([{ lastName: "Murray Hopper" }])
    })

    it("shows an Engage conflict in the admin instead of creating a contact", async () => {
      engage.markAmbiguous("grace@example.com")
      await register()
      await syncContactsNow(getContainer())
      expect(engage.acceptedCallsTo("create_contact")).toHaveLength(0)
      const admin = await createAdminHeaders(getContainer())
      const { contact } = (await api.get(`/admin/engagement/contacts/${shopper.customerId}`, admin)).data
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
        api.post(`/admin/engagement/contacts/${shopper.customerId}/sync`, { platforms: ["recensus"] }, admin)
      )
      expect([unknown.status, unknown.data.message]).toEqual([
        400,
        expect.stringMatching(/^platforms: recensus is not switched on for contact sync/),
      ])
      const resynced = await api.post(
        `/admin/engagement/contacts/${shopper.customerId}/sync`,
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
      expect((await contactSyncOf(getContainer(), shopper.customerId, "engage")).status).toBe("synced")
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

    it("stops a contact's Rejoiner journeys from the admin, and refuses a bad body", async () => {
      await register()
      const admin = await createAdminHeaders(getContainer())
      const bad = await responseOf(
        api.post(`/admin/engagement/contacts/${shopper.customerId}/journeys/cancel`, { reason: 5 }, admin)
      )
      expect(bad.status).toBe(400)
      expect(JSON.stringify(bad.data)).toContain("reason")
      const { status } = await api.post(`/admin/engagement/contacts/${shopper.customerId}/journeys/cancel`, {}, admin)
      expect(status).toBe(202)
      await eventually(async () => rejoiner.acceptedCallsTo("cancel").length === 1)
      expect(bodiesOf(rejoiner, "cancel")).toEqual([{ email: "grace@example.com" }])
      const unauthenticated = await responseOf(
        api.post(`/admin/engagement/contacts/${shopper.customerId}/journeys/cancel`, {})
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
      const sync = await contactSyncOf(getContainer(), shopper.customerId, "crmcom")
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
      await api.post(`/admin/customers/${shopper.customerId}`, { last_name: "Murray Hopper" }, admin)
      await eventually(
        async () =>
          (await engagement.listContactSyncs({ customer_id: shopper.customerId, platform: "crmcom", dirty: true }))
            .length === 1
      )
      await syncContactsNow(getContainer())
      expect(crmcom.callsTo("update_contact").map((call) => call.answeredWith)).toEqual([200, 401, 200])
      expect(crmcom.acceptedCallsTo("refresh_token")).toHaveLength(1)
      expect(bodiesOf(crmcom, "update_contact").at(-1)).toEqual({ last_name: "Murray Hopper" })
      expect(crmcom.contacts[contactId].last_name).toBe("Murray Hopper")
      expect((await contactSyncOf(getContainer(), shopper.customerId, "crmcom")).status).toBe("synced")
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
      const sync = await contactSyncOf(getContainer(), shopper.customerId, "crmcom")
      expect(sync.status).toBe("needs_linking")
      expect(sync.last_error).toContain("password the plugin does not hold")

      // a later change does not register again
      const admin = await createAdminHeaders(getContainer())
      await api.post(`/admin/customers/${shopper.customerId}`, { first_name: "G." }, admin)
      await eventually(
        async () =>
          (
            await engagementOf(getContainer()).listContactSyncs({
              customer_id: shopper.customerId,
              platform: "crmcom",
              dirty: true,
            })
          ).length === 1
      )
      await syncContactsNow(getContainer())
      expect(crmcom.callsTo("register_contact")).toHaveLength(1)
      const { contact } = (await api.get(`/admin/engagement/contacts/${shopper.customerId}`, admin)).data
      expect(contact.sync).toEqual(
        expect.arrayContaining([expect.objectContaining({ platform: "crmcom", status: "needs_linking" })])
      )
    })

    it("sends a new default address to the platforms that keep one", async () => {
      await register()
      await syncContactsNow(getContainer())
      const admin = await createAdminHeaders(getContainer())
      await api.post(
        `/admin/customers/${shopper.customerId}/addresses`,
        {
          address_1: "1 Navy Way",
          city: "Arlington",
          postal_code: "22202",
          country_code: "us",
          province: "VA",
          is_default_billing: true,
        },
        admin
      )
      const engagement = engagementOf(getContainer())
      await eventually(
        async () =>
          (await engagement.listContactSyncs({ customer_id: shopper.customerId, dirty: true })).length ===
          engagement.contactSyncPlatforms().length
      )
      await syncContactsNow(getContainer())
      expect(bodiesOf(engage, "update_contact")).toEqual([
        { street: "1 Navy Way", zipCode: "22202", city: "Arlington", countryCode: "US" },
      ])
      expect(bodiesOf(rejoiner, "update_customer")).toEqual([
        {
          email: "grace@example.com",
          address1: "1 Navy Way",
          city: "Arlington",
          state: "VA",
          postal_code: "22202",
          country: "US",
        },
      ])
      // ExpertSender and CRM.COM keep no address: nothing to send them
      expect(bodiesOf(expertsender, "upsert_customers")).toHaveLength(1)
    })

    it("stops Rejoiner journeys once when an order is canceled (even if the event comes twice) and when the customer is deleted", async () => {
      await register()
      const [pen] = store.products
      const order = await placeOrder(api, store, {
        email: "grace@example.com",
        customerHeaders: shopper.headers,
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

      await api.delete(`/admin/customers/${shopper.customerId}`, admin)
      await eventually(async () => rejoiner.acceptedCallsTo("cancel").length === 2)
      const cancels = await engagement.listDeliveries({ platform: "rejoiner", operation: "cancel" })
      expect(cancels.map((row) => row.idempotency_key).sort()).toEqual(
        [
          `journey-cancel:rejoiner:customer-deleted:${shopper.customerId}`,
          `journey-cancel:rejoiner:order-canceled:${order.id}`,
        ].sort()
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
