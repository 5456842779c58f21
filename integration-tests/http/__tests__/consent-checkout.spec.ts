import { Modules } from "@medusajs/framework/utils"
import { engagementSuite } from "../../helpers/suite"
import { confirmationEmailsTo, consentLedgerOf, engagementOf } from "../../helpers/engagement"
import { eventually } from "../../helpers/stand-ins"
import { createAdminHeaders, placeOrder } from "../../helpers/store"
import orderPlaced from "../../../src/subscribers/order-placed"

jest.setTimeout(180_000)

/** Consent choices made at checkout (the cart's metadata), recorded once per order. */
engagementSuite({
  shopper: "ada@example.com",
  testSuite: ({ api, getContainer }, seeded) => {
    const ledgerOf = (customerId: string) => consentLedgerOf(getContainer(), customerId)

    const confirmationEmails = (to = "ada@example.com") => confirmationEmailsTo(getContainer(), to)

    describe("at checkout", () => {
      const checkoutChoices = {
        engagement_consents: {
          email_marketing: { value: "AwaitingConfirmation", wording: "Send me the newsletter (checkout v2)" },
          sms_marketing: false,
          review_requests: true,
          postcards: true,
        },
      }

      it("records the choices in the cart's metadata once per order, source checkout with the order as proof", async () => {
        const [pen] = seeded.store.products
        const order = await placeOrder(api, seeded.store, {
          email: "ada@example.com",
          customerHeaders: seeded.shopper.headers,
          items: [{ variant_id: pen.variants[0].id, quantity: 1 }],
          cartMetadata: checkoutChoices,
        })
        // Medusa copies the cart's metadata onto the order, where the subscriber reads it
        const admin = await createAdminHeaders(getContainer())
        const { data } = await api.get(`/admin/orders/${order.id}?fields=metadata`, admin)
        expect(data.order.metadata).toEqual(checkoutChoices)

        const ledger = await eventually(async () => {
          const rows = await ledgerOf(seeded.shopper.customerId)
          return rows.length === 3 ? rows : undefined
        })
        const proof = {
          source: "checkout",
          actor_type: "customer",
          actor_id: seeded.shopper.customerId,
          info: { order_id: order.id, display_id: order.display_id },
        }
        expect(ledger).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              ...proof,
              purpose: "email_marketing",
              value: "AwaitingConfirmation",
              wording: "Send me the newsletter (checkout v2)",
              channel: "email",
            }),
            expect.objectContaining({
              ...proof,
              purpose: "sms_marketing",
              value: "False",
              wording: null,
              channel: "sms",
            }),
            expect.objectContaining({ ...proof, purpose: "review_requests", value: "True", wording: null }),
          ])
        )
        const current = (await api.get("/store/engagement/consents", seeded.shopper)).data.consents
        expect(current).toEqual([
          expect.objectContaining({ purpose: "email_marketing", value: "AwaitingConfirmation", source: "checkout" }),
          expect.objectContaining({ purpose: "sms_marketing", value: "False", source: "checkout" }),
          expect.objectContaining({ purpose: "review_requests", value: "True", source: "checkout" }),
        ])
        const confirmations = async () =>
          await getContainer()
            .resolve(Modules.NOTIFICATION)
            .listNotifications({ to: "ada@example.com", template: "engagement-consent-confirmation" })
        await eventually(async () => ((await confirmations()).length === 1 ? true : undefined))

        // the shopper changes their mind later; a repeated order.placed, even two at once, neither adds rows nor undoes that
        await api.post(
          "/store/engagement/consents",
          { consents: [{ purpose: "review_requests", value: "False" }] },
          seeded.shopper
        )
        const event = { name: "order.placed", data: { id: order.id } }
        await Promise.all([
          orderPlaced({ event, container: getContainer(), pluginOptions: {} }),
          orderPlaced({ event, container: getContainer(), pluginOptions: {} }),
        ])
        await getContainer().resolve(Modules.EVENT_BUS).emit(event)
        await new Promise((resolve) => setTimeout(resolve, 500))
        const after = await ledgerOf(seeded.shopper.customerId)
        expect(after).toHaveLength(4)
        expect(after.filter((row) => row.source === "checkout")).toHaveLength(3)
        expect((await api.get("/store/engagement/consents", seeded.shopper)).data.consents[2]).toEqual(
          expect.objectContaining({ purpose: "review_requests", value: "False", source: "storefront" })
        )
        expect(await confirmations()).toHaveLength(1)

        const engagementData = await api.get(`/admin/orders/${order.id}/engagement`, admin)
        expect(engagementData.data.checkout_consents).toEqual({
          customer_id: seeded.shopper.customerId,
          signed_in: true,
          recorded: [
            { purpose: "email_marketing", value: "AwaitingConfirmation" },
            { purpose: "review_requests", value: "True" },
            { purpose: "sms_marketing", value: "False" },
          ],
          not_recorded: [{ purpose: "postcards", reason: expect.stringContaining("not a configured purpose") }],
        })
      })

      it("a checkout without login using a registered customer's email changes nothing in that customer's ledger, and the order says why", async () => {
        await api.post(
          "/store/engagement/consents",
          {
            consents: [
              { purpose: "email_marketing", value: "True" },
              { purpose: "sms_marketing", value: "AwaitingConfirmation" },
            ],
          },
          seeded.shopper
        )
        const before = await ledgerOf(seeded.shopper.customerId)
        const [pen] = seeded.store.products
        const order = await placeOrder(api, seeded.store, {
          email: "ada@example.com",
          items: [{ variant_id: pen.variants[0].id, quantity: 1 }],
          cartMetadata: {
            engagement_consents: { email_marketing: false, sms_marketing: true, review_requests: true, other: "yes" },
          },
        })
        // the premise: Medusa attached the guest checkout to Ada's account
        const admin = await createAdminHeaders(getContainer())
        const { data } = await api.get(`/admin/orders/${order.id}?fields=customer_id`, admin)
        expect(data.order.customer_id).toBe(seeded.shopper.customerId)

        const outcome = await eventually(
          async () => (await api.get(`/admin/orders/${order.id}/engagement`, admin)).data.checkout_consents ?? undefined
        )
        const refused = expect.stringContaining("without login")
        expect(outcome).toEqual({
          customer_id: null,
          signed_in: false,
          recorded: [],
          not_recorded: [
            { purpose: "email_marketing", reason: refused },
            { purpose: "other", reason: expect.stringContaining("not a configured purpose") },
            { purpose: "review_requests", reason: refused },
            { purpose: "sms_marketing", reason: refused },
          ],
        })
        expect(await ledgerOf(seeded.shopper.customerId)).toEqual(before)
        expect(await confirmationEmails()).toHaveLength(1)
      })

      it("a signed-in checkout's grant does not skip a pending double opt-in", async () => {
        await api.post(
          "/store/engagement/consents",
          { consents: [{ purpose: "sms_marketing", value: "AwaitingConfirmation" }] },
          seeded.shopper
        )
        const [pen] = seeded.store.products
        const order = await placeOrder(api, seeded.store, {
          email: "ada@example.com",
          customerHeaders: seeded.shopper.headers,
          items: [{ variant_id: pen.variants[0].id, quantity: 1 }],
          cartMetadata: { engagement_consents: { sms_marketing: true } },
        })
        const admin = await createAdminHeaders(getContainer())
        await eventually(
          async () => (await api.get(`/admin/orders/${order.id}/engagement`, admin)).data.checkout_consents ?? undefined
        )
        const ledger = await eventually(async () => {
          const rows = await ledgerOf(seeded.shopper.customerId)
          return rows.length === 2 ? rows : undefined
        })
        expect(ledger.map((row) => [row.value, row.source])).toEqual([
          ["AwaitingConfirmation", "storefront"],
          ["AwaitingConfirmation", "checkout"],
        ])
        expect((await api.get("/store/engagement/consents", seeded.shopper)).data.consents[1]).toEqual(
          expect.objectContaining({ purpose: "sms_marketing", value: "AwaitingConfirmation" })
        )
      })

      it("a checkout choice that cannot be read is left as not asked, and the order's engagement data says so", async () => {
        const [pen] = seeded.store.products
        const order = await placeOrder(api, seeded.store, {
          email: "ada@example.com",
          customerHeaders: seeded.shopper.headers,
          items: [{ variant_id: pen.variants[0].id, quantity: 1 }],
          cartMetadata: { engagement_consents: { email_marketing: "yes please", review_requests: { value: "True" } } },
        })
        const admin = await createAdminHeaders(getContainer())
        const outcome = await eventually(
          async () => (await api.get(`/admin/orders/${order.id}/engagement`, admin)).data.checkout_consents ?? undefined
        )
        expect(outcome.not_recorded).toEqual([
          { purpose: "email_marketing", reason: expect.stringContaining("left as not asked") },
        ])
        expect((await ledgerOf(seeded.shopper.customerId)).map((row) => [row.purpose, row.value])).toEqual([
          ["review_requests", "True"],
        ])
      })

      it("records a guest's choices on the customer record Medusa makes for the guest, one row even when order.placed arrives twice at once, and nothing for an order without choices", async () => {
        const [pen] = seeded.store.products
        await placeOrder(api, seeded.store, {
          email: "guest@example.com",
          items: [{ variant_id: pen.variants[0].id, quantity: 1 }],
          cartMetadata: { engagement_consents: { email_marketing: true } },
        })
        const [guest] = await getContainer().resolve(Modules.CUSTOMER).listCustomers({ email: "guest@example.com" })
        expect(guest.has_account).toBe(false)
        const ledger = await eventually(async () => {
          const rows = await ledgerOf(guest.id)
          return rows.length ? rows : undefined
        })
        expect(ledger).toEqual([
          expect.objectContaining({ purpose: "email_marketing", value: "True", source: "checkout" }),
        ])

        // two deliveries of the first order.placed at the same moment, with neither the rows nor the
        // order's checkout note there yet: the ledger keeps one row and the order one outcome
        const engagement = engagementOf(getContainer())
        await engagement.deleteConsents(ledger.map((row) => row.id))
        await engagement.deleteCheckouts((await engagement.listCheckouts({})).map((row) => row.id))
        const orderId = ledger[0].info!.order_id as string
        const event = { name: "order.placed", data: { id: orderId } }
        await Promise.all([
          orderPlaced({ event, container: getContainer(), pluginOptions: {} }),
          orderPlaced({ event, container: getContainer(), pluginOptions: {} }),
        ])
        expect(await ledgerOf(guest.id)).toEqual([
          expect.objectContaining({
            purpose: "email_marketing",
            value: "True",
            source: "checkout",
            actor_type: "guest",
            actor_id: null,
          }),
        ])
        expect(await engagement.listCheckouts({ order_id: orderId })).toEqual([
          expect.objectContaining({ consents: expect.objectContaining({ customer_id: guest.id, signed_in: false }) }),
        ])

        const plain = await placeOrder(api, seeded.store, {
          email: "ada@example.com",
          customerHeaders: seeded.shopper.headers,
          items: [{ variant_id: pen.variants[0].id, quantity: 1 }],
        })
        await orderPlaced({
          event: { name: "order.placed", data: { id: plain.id } },
          container: getContainer(),
          pluginOptions: {},
        })
        expect(await ledgerOf(seeded.shopper.customerId)).toEqual([])
      })
    })
  },
})
