import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { refreshOrderStatisticsWorkflow } from "../../../src/workflows/contacts/workflows/refresh-order-statistics"
import { responseOf } from "../../helpers/http"
import { eventually } from "../../helpers/stand-ins"
import { createAdminHeaders, createCustomerSession, placeOrder, seedTestStore, TestStore } from "../../helpers/store"

jest.setTimeout(180_000)

const cents = (value: unknown) => Math.round(Number(value) * 100)

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let store: TestStore
    let shopper: Awaited<ReturnType<typeof createCustomerSession>>

    beforeEach(async () => {
      store = await seedTestStore(getContainer())
      shopper = await createCustomerSession(api, store, { email: "ada@example.com", password: "secret-password", first_name: "Ada", last_name: "Lovelace" })
    })

    const profile = async () => (await api.get("/store/engagement/profile", shopper)).data.profile

    it("keeps purchase statistics in step with orders placed and canceled, once per event", async () => {
      const [pen, notebook, lamp] = store.products
      const first = await placeOrder(api, store, {
        email: "ada@example.com",
        customerHeaders: shopper.headers,
        items: [{ variant_id: pen.variants[0].id, quantity: 3 }],
      })
      const second = await placeOrder(api, store, {
        email: "ada@example.com",
        customerHeaders: shopper.headers,
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
      await getContainer().resolve(Modules.EVENT_BUS).emit({ name: "order.placed", data: { id: first.id } })
      await refreshOrderStatisticsWorkflow(getContainer()).run({ input: { order_id: first.id } })
      expect((await profile()).order_count).toBe(2)

      const admin = await createAdminHeaders(getContainer())
      await api.post(`/admin/orders/${second.id}/cancel`, {}, admin)
      const afterCancel = await eventually(async () => {
        const current = await profile()
        return current.order_count === 1 ? current : undefined
      })
      expect(cents(afterCancel.total_spent)).toBe(cents(first.total))
      expect(new Date(afterCancel.last_order_at).getTime()).toBe(new Date(first.created_at).getTime())
    })

    it("lets a shopper change only their own editable fields, with 400 naming the field and 401 without login", async () => {
      const updated = await api.post(
        "/store/engagement/profile",
        { phone: "+48 500 600 700", date_of_birth: "1990-05-17", gender: "Female", custom_attributes: { shoe_size: "38" } },
        shopper
      )
      expect(updated.data.profile).toEqual(
        expect.objectContaining({ email: "ada@example.com", phone: "+48500600700", gender: "Female", custom_attributes: { shoe_size: "38" } })
      )
      expect(new Date(updated.data.profile.date_of_birth).toISOString()).toBe("1990-05-17T00:00:00.000Z")

      const badGender = await responseOf(api.post("/store/engagement/profile", { gender: "Robot" }, shopper))
      expect(badGender.status).toBe(400)
      expect(badGender.data.message).toContain("gender")
      const notEditable = await responseOf(api.post("/store/engagement/profile", { total_spent: 1_000_000 }, shopper))
      expect(notEditable.status).toBe(400)
      expect(notEditable.data.message).toContain("total_spent")
      const otherCustomer = await responseOf(api.post("/store/engagement/profile", { customer_id: "cus_other", first_name: "X" }, shopper))
      expect(otherCustomer.status).toBe(400)
      expect((await profile()).first_name).toBe("Ada")

      const pk = { headers: { "x-publishable-api-key": store.publishableKey } }
      expect((await responseOf(api.get("/store/engagement/profile", pk))).status).toBe(401)
      expect((await responseOf(api.post("/store/engagement/profile", { first_name: "Eve" }, pk))).status).toBe(401)

      const grace = await createCustomerSession(api, store, { email: "grace@example.com", password: "secret-password", first_name: "Grace", last_name: "Hopper" })
      const theirs = await api.get("/store/engagement/profile", grace)
      expect(theirs.data.profile).toEqual(expect.objectContaining({ email: "grace@example.com", phone: null }))
    })
  },
})
