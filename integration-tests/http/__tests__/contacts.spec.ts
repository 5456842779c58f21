import { Modules } from "@medusajs/framework/utils"
import { engagementSuite } from "../../helpers/suite"
import { CONTACT_STATISTIC_FIELDS } from "../../../src/modules/engagement/statistics/compute"
import { rebuildContactStatistics } from "../../../src/scripts/rebuild-contact-statistics"
import { engagementOf } from "../../helpers/engagement"
import { refreshOrderStatisticsWorkflow } from "../../../src/workflows/contacts/workflows/refresh-order-statistics"
import { responseOf } from "../../helpers/http"
import { eventually } from "../../helpers/stand-ins"
import { createAdminHeaders, createShopper, placeOrder } from "../../helpers/store"

jest.setTimeout(180_000)

const cents = (value: unknown) => Math.round(Number(value) * 100)

/** The shopper's contact: purchase statistics kept in step with orders and returns, and the fields a shopper may edit. */
engagementSuite({
  shopper: "ada@example.com",
  testSuite: ({ api, getContainer }, seeded) => {
    const profile = async () => (await api.get("/store/engagement/profile", seeded.shopper)).data.profile

    /** Every purchase statistic of the shopper's contact, as the admin sees it. */
    const statisticsOf = async () => {
      const admin = await createAdminHeaders(getContainer())
      const { contact } = (await api.get(`/admin/engagement/contacts/${seeded.shopper.customerId}`, admin)).data
      return Object.fromEntries(CONTACT_STATISTIC_FIELDS.map((field) => [field, contact[field]]))
    }

    it("keeps purchase statistics in step with orders placed and canceled, once per event", async () => {
      const [pen, notebook, lamp] = seeded.store.products
      const first = await placeOrder(api, seeded.store, {
        email: "ada@example.com",
        customerHeaders: seeded.shopper.headers,
        items: [{ variant_id: pen.variants[0].id, quantity: 3 }],
      })
      const second = await placeOrder(api, seeded.store, {
        email: "ada@example.com",
        customerHeaders: seeded.shopper.headers,
        items: [
          { variant_id: notebook.variants[0].id, quantity: 1 },
          { variant_id: lamp.variants[0].id, quantity: 1 },
        ],
      })
      const both = await eventually(async () => {
        const current = await profile()
        return current.order_count === 2 ? current : undefined
      })
      expect(cents(both.total_spent)).toBe(cents(first.total) + cents(second.total))
      expect(cents(both.average_order_value)).toBe(Math.round((cents(first.total) + cents(second.total)) / 2))
      expect(both.currency_code).toBe("eur")
      expect(new Date(both.last_order_at).getTime()).toBe(new Date(second.created_at).getTime())

      // the same event again changes nothing
      await getContainer()
        .resolve(Modules.EVENT_BUS)
        .emit({ name: "order.placed", data: { id: first.id } })
      await refreshOrderStatisticsWorkflow(getContainer()).run({ input: { order_ids: [first.id] } })
      expect((await profile()).order_count).toBe(2)

      const admin = await createAdminHeaders(getContainer())
      await api.post(`/admin/orders/${second.id}/cancel`, {}, admin)
      const afterCancel = await eventually(async () => {
        const current = await profile()
        return current.order_count === 1 ? current : undefined
      })
      expect(cents(afterCancel.total_spent)).toBe(cents(first.total))
      expect(new Date(afterCancel.last_order_at).getTime()).toBe(new Date(first.created_at).getTime())

      // the rebuild command gets back to the same statistics from the orders alone
      const engagement = engagementOf(getContainer())
      await engagement.deleteOrderFacts((await engagement.listOrderFacts({})).map((fact) => fact.id))
      const [row] = await engagement.listContactProfiles({ customer_id: seeded.shopper.customerId })
      await engagement.updateContactProfiles({ id: row.id, order_count: 0, total_spent: 0, last_order_at: null })
      const progress: number[] = []
      const rebuilt = await rebuildContactStatistics(getContainer(), {
        pageSize: 1,
        onProgress: (done) => progress.push(done),
      })
      expect(rebuilt.orders).toBe(2)
      expect(progress).toEqual([1, 2])
      const afterRebuild = await profile()
      expect(afterRebuild).toEqual(
        expect.objectContaining({ order_count: 1, currency_code: "eur", last_order_at: afterCancel.last_order_at })
      )
      expect(cents(afterRebuild.total_spent)).toBe(cents(first.total))
    })

    it("counts a return once its goods are received, and the rebuild command arrives at the same statistics", async () => {
      const [pen, notebook] = seeded.store.products
      const admin = await createAdminHeaders(getContainer())
      const kept = await placeOrder(api, seeded.store, {
        email: "ada@example.com",
        customerHeaders: seeded.shopper.headers,
        items: [{ variant_id: notebook.variants[0].id, quantity: 2 }],
      })
      const returned = await placeOrder(api, seeded.store, {
        email: "ada@example.com",
        customerHeaders: seeded.shopper.headers,
        items: [{ variant_id: pen.variants[0].id, quantity: 3 }],
      })
      await eventually(async () => ((await profile()).order_count === 2 ? true : undefined))

      // the admin's return flow: fulfil, request one pen back, then receive it
      const penItem = returned.items[0]
      await api.post(
        `/admin/orders/${returned.id}/fulfillments`,
        { location_id: seeded.store.stockLocationId, items: [{ id: penItem.id, quantity: 3 }] },
        admin
      )
      const { data: begun } = await api.post(
        "/admin/returns",
        { order_id: returned.id, location_id: seeded.store.stockLocationId },
        admin
      )
      const returnId = begun.return.id
      await api.post(`/admin/returns/${returnId}/request-items`, { items: [{ id: penItem.id, quantity: 1 }] }, admin)
      await api.post(`/admin/returns/${returnId}/request`, {}, admin)
      // requested is not yet returned
      const requested = await statisticsOf()
      expect(requested.return_count).toBe(0)

      await api.post(`/admin/returns/${returnId}/receive`, {}, admin)
      await api.post(`/admin/returns/${returnId}/receive-items`, { items: [{ id: penItem.id, quantity: 1 }] }, admin)
      await api.post(`/admin/returns/${returnId}/receive/confirm`, {}, admin)

      const afterReturn = await eventually(async () => {
        const current = await statisticsOf()
        return current.return_count === 1 ? current : undefined
      })
      const { data: orders } = await api.get(`/admin/orders?id[]=${kept.id}&id[]=${returned.id}&fields=id,total`, admin)
      const totalOf = (id: string) => cents(orders.orders.find((order: { id: string }) => order.id === id).total)
      const totals = [totalOf(kept.id), totalOf(returned.id)]
      expect(afterReturn).toEqual(
        expect.objectContaining({ order_count: 2, return_count: 1, currency_code: "eur", rfm_segment: "loyal" })
      )
      // Medusa's order total leaves the received pen out; so do the kept items: 2 notebooks and 2 pens
      expect(cents(returned.total) - totals[1]).toBe(1999)
      expect(cents(afterReturn.total_spent)).toBe(totals[0] + totals[1])
      expect(cents(afterReturn.average_order_value)).toBe(Math.round((totals[0] + totals[1]) / 2))
      expect(cents(afterReturn.average_price_point)).toBe(Math.round((totals[0] + totals[1]) / 4))
      expect(new Date(afterReturn.first_order_at).getTime()).toBe(new Date(kept.created_at).getTime())
      expect(new Date(afterReturn.last_order_at).getTime()).toBe(new Date(returned.created_at).getTime())

      // the event again changes nothing
      await getContainer()
        .resolve(Modules.EVENT_BUS)
        .emit({ name: "order.return_received", data: { order_id: returned.id, return_id: returnId } })
      await refreshOrderStatisticsWorkflow(getContainer()).run({ input: { order_ids: [returned.id] } })
      expect(await statisticsOf()).toEqual(afterReturn)

      // from nothing but the orders, the rebuild command gets every statistic back
      const engagement = engagementOf(getContainer())
      await engagement.deleteOrderFacts((await engagement.listOrderFacts({})).map((fact) => fact.id))
      const [row] = await engagement.listContactProfiles({ customer_id: seeded.shopper.customerId })
      await engagement.updateContactProfiles({
        id: row.id,
        order_count: 0,
        return_count: 0,
        total_spent: 0,
        rfm_segment: null,
      })
      expect((await statisticsOf()).return_count).toBe(0)
      await rebuildContactStatistics(getContainer())
      expect(await statisticsOf()).toEqual(afterReturn)
    })

    it("lets a shopper change only their own editable fields, names and phone on their Medusa customer too, with 400 naming the field and 401 without login", async () => {
      const updated = await api.post(
        "/store/engagement/profile",
        {
          phone: "+48 500 600 700",
          date_of_birth: "1990-05-17",
          gender: "Female",
          custom_attributes: { shoe_size: "38" },
        },
        seeded.shopper
      )
      expect(updated.data.profile).toEqual(
        expect.objectContaining({
          email: "ada@example.com",
          phone: "+48500600700",
          gender: "Female",
          custom_attributes: { shoe_size: "38" },
        })
      )
      expect(updated.data.profile.date_of_birth).toBe("1990-05-17")
      // names and phone are the Medusa customer's too: the storefront's account page shows the change
      const renamed = await api.post(
        "/store/engagement/profile",
        { first_name: "Augusta Ada", last_name: "King" },
        seeded.shopper
      )
      expect(renamed.data.profile).toEqual(
        expect.objectContaining({ first_name: "Augusta Ada", last_name: "King", phone: "+48500600700" })
      )
      const me = async () => (await api.get("/store/customers/me", seeded.shopper)).data.customer
      expect(await me()).toEqual(
        expect.objectContaining({ first_name: "Augusta Ada", last_name: "King", phone: "+48500600700" })
      )

      const badGender = await responseOf(api.post("/store/engagement/profile", { gender: "Robot" }, seeded.shopper))
      expect(badGender.status).toBe(400)
      expect(badGender.data.message).toContain("gender")
      const notEditable = await responseOf(
        api.post("/store/engagement/profile", { total_spent: 1_000_000 }, seeded.shopper)
      )
      expect(notEditable.status).toBe(400)
      expect(notEditable.data.message).toContain("total_spent")
      const otherCustomer = await responseOf(
        api.post("/store/engagement/profile", { customer_id: "cus_other", first_name: "X" }, seeded.shopper)
      )
      const badPhone = await responseOf(
        api.post("/store/engagement/profile", { first_name: "X", phone: "call me" }, seeded.shopper)
      )
      expect(badPhone.status).toBe(400)
      expect(badPhone.data.message).toContain("phone")
      expect(otherCustomer.status).toBe(400)
      expect((await profile()).first_name).toBe("Augusta Ada")
      expect((await me()).first_name).toBe("Augusta Ada")

      const pk = { headers: { "x-publishable-api-key": seeded.store.publishableKey } }
      expect((await responseOf(api.get("/store/engagement/profile", pk))).status).toBe(401)
      expect((await responseOf(api.post("/store/engagement/profile", { first_name: "Eve" }, pk))).status).toBe(401)

      const grace = await createShopper(api, seeded.store, "grace@example.com", {
        first_name: "Grace",
        last_name: "Hopper",
      })
      const theirs = await api.get("/store/engagement/profile", grace)
      expect(theirs.data.profile).toEqual(expect.objectContaining({ email: "grace@example.com", phone: null }))
      expect((await api.get("/store/customers/me", grace)).data.customer).toEqual(
        expect.objectContaining({ first_name: "Grace", phone: null })
      )
    })

    it("accepts dates of birth from 1900-01-01 to today only, refusing others with a 400 naming the field and changing nothing", async () => {
      const admin = await createAdminHeaders(getContainer())
      await api.post("/store/engagement/profile", { date_of_birth: "1990-05-17" }, seeded.shopper)
      const today = new Date().toISOString().slice(0, 10)
      const upsert = (dateOfBirth: string) =>
        api.post(
          "/admin/engagement/contacts",
          { mode: "Update", matchBy: "Email", data: [{ email: "ada@example.com", dateOfBirth }] },
          admin
        )
      for (const day of ["0000-01-01", "1899-12-31", "9999-12-31", "2999-01-01T00:00:00Z"]) {
        const shoppers = await responseOf(api.post("/store/engagement/profile", { date_of_birth: day }, seeded.shopper))
        const admins = await responseOf(upsert(day))
        if (!day.includes("T")) {
          expect([shoppers.status, shoppers.data.message]).toEqual([
            400,
            "date_of_birth: must be between 1900-01-01 and today",
          ])
        }
        expect([admins.status, admins.data.message]).toEqual([
          400,
          "data.0.dateOfBirth: must be between 1900-01-01 and today",
        ])
      }
      expect((await profile()).date_of_birth).toBe("1990-05-17")

      for (const day of ["1900-01-01", today]) {
        expect(
          (await api.post("/store/engagement/profile", { date_of_birth: day }, seeded.shopper)).data.profile
            .date_of_birth
        ).toBe(day)
      }
      await upsert("1950-02-28T23:30:00-05:00")
      expect((await profile()).date_of_birth).toBe("1950-02-28")
    })
  },
})
