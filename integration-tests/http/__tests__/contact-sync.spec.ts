import { engagementSuite } from "../../helpers/suite"
import { contactSyncOf, engagementOf, syncContactsNow, syncedShopper } from "../../helpers/engagement"
import { responseOf } from "../../helpers/http"
import { bodiesOf, eventually, useContactSyncPlatforms } from "../../helpers/stand-ins"
import { createAdminHeaders, placeOrder } from "../../helpers/store"

jest.setTimeout(240_000)

const platforms = useContactSyncPlatforms()
const { expertsender, engage, rejoiner, crmcom } = platforms

/** What the contact sync sends each platform: a new customer and its statistics, coalesced changes, consents, addresses. */
engagementSuite({
  testSuite: ({ api, getContainer }, seeded) => {
    const register = async (email = "grace@example.com") =>
      (seeded.shopper = await syncedShopper(api, seeded.store, getContainer(), email))

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
      expect((await contactSyncOf(getContainer(), seeded.shopper.customerId, "engage")).external_id).toBe(engageId)
      expect(bodiesOf(rejoiner, "create_customer")).toEqual([
        expect.objectContaining({ email: "grace@example.com", first_name: "Grace", last_name: "Hopper" }),
      ])

      const [pen] = seeded.store.products
      const order = await placeOrder(api, seeded.store, {
        email: "grace@example.com",
        customerHeaders: seeded.shopper.headers,
        items: [{ variant_id: pen.variants[0].id, quantity: 2 }],
      })
      const engagement = engagementOf(getContainer())
      await eventually(async () => {
        const [profile] = await engagement.listContactProfiles({ customer_id: seeded.shopper.customerId })
        return profile.order_count === 1
      })
      await eventually(
        async () =>
          (await engagement.listContactSyncs({ customer_id: seeded.shopper.customerId, dirty: true })).length ===
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
      const copy = await api.get(
        `/admin/engagement/contacts/${seeded.shopper.customerId}/platform-copy?by=email`,
        admin
      )
      expect(expertsender.callsTo("get_customer_by_email").map((call) => call.path)).toEqual([
        "/customers/email/grace%40example.com",
      ])
      expect(copy.data.customer).toEqual(expect.objectContaining({ email: "grace@example.com", firstName: "Grace" }))
      const noPhone = await responseOf(
        api.get(`/admin/engagement/contacts/${seeded.shopper.customerId}/platform-copy?by=phone`, admin)
      )
      expect([noPhone.status, noPhone.data.message]).toEqual([
        400,
        "by: the contact has no phone to look up in ExpertSender",
      ])
      const badKey = await responseOf(
        api.get(`/admin/engagement/contacts/${seeded.shopper.customerId}/platform-copy?by=shoe_size`, admin)
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
          `/admin/customers/${seeded.shopper.customerId}`,
          { first_name: name, phone: `+1 555 010${index}` },
          admin
        )
      }
      await eventually(async () => {
        const [profile] = await engagementOf(getContainer()).listContactProfiles({
          customer_id: seeded.shopper.customerId,
        })
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

    it("ends with every copy holding the customer's last name when 20 changes of them arrive at once", async () => {
      await register()
      await syncContactsNow(getContainer())

      // the shopper's own route, 20 at once: Medusa applies them in some order, and the last one written wins
      const names = Array.from({ length: 20 }, (_, n) => `Grace ${String.fromCharCode(65 + n)}.`)
      const answers = await Promise.all(
        names.map((first_name) =>
          api.post("/store/customers/me", { first_name }, seeded.shopper).then(
            (response: { status: number }) => `${response.status}`,
            (error: { response?: { status: number; data: unknown } }) =>
              `${error.response?.status} ${JSON.stringify(error.response?.data)}`
          )
        )
      )
      expect(answers).toEqual(names.map(() => "200"))
      const { data } = await api.get("/store/customers/me", seeded.shopper)
      const last: string = data.customer.first_name
      expect(names).toContain(last)

      await eventually(async () => {
        const [profile] = await engagementOf(getContainer()).listContactProfiles({
          customer_id: seeded.shopper.customerId,
        })
        return profile.first_name === last
      }, 30_000)
      await syncContactsNow(getContainer())
      expect(bodiesOf(expertsender, "upsert_customers").at(-1)!.data).toEqual([
        expect.objectContaining({ email: "grace@example.com", firstName: last }),
      ])
      expect(bodiesOf(engage, "update_contact").at(-1)).toEqual(expect.objectContaining({ firstName: last }))
      expect(bodiesOf(rejoiner, "update_customer").at(-1)).toEqual(expect.objectContaining({ first_name: last }))
      expect(bodiesOf(crmcom, "update_contact").at(-1)).toEqual({ first_name: last })
      // one coalesced call per platform, not one per change
      expect(bodiesOf(engage, "update_contact")).toHaveLength(1)
    })

    it("tells every platform when email marketing is withdrawn and given again", async () => {
      await register()
      await syncContactsNow(getContainer())

      await api.post(
        "/store/engagement/consents",
        { consents: [{ purpose: "email_marketing", value: "False" }] },
        seeded.shopper
      )
      await eventually(
        async () =>
          (await engagementOf(getContainer()).listContactSyncs({ customer_id: seeded.shopper.customerId, dirty: true }))
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
        seeded.shopper
      )
      await eventually(
        async () =>
          (await engagementOf(getContainer()).listContactSyncs({ customer_id: seeded.shopper.customerId, dirty: true }))
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

    it("sends a new default address to the platforms that keep one", async () => {
      await register()
      await syncContactsNow(getContainer())
      const admin = await createAdminHeaders(getContainer())
      await api.post(
        `/admin/customers/${seeded.shopper.customerId}/addresses`,
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
          (await engagement.listContactSyncs({ customer_id: seeded.shopper.customerId, dirty: true })).length ===
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
  },
})
