import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { signLinkToken } from "../../../src/modules/engagement/consents/link-token"
import { engagementOf } from "../../helpers/engagement"
import { responseOf } from "../../helpers/http"
import { eventually } from "../../helpers/stand-ins"
import {
  createAdminHeaders,
  createShopper,
  CustomerSession,
  placeOrder,
  seedTestStore,
  TestStore,
} from "../../helpers/store"
import orderPlacedCheckoutConsents from "../../../src/subscribers/order-placed-checkout-consents"

jest.setTimeout(180_000)

// set for every test file by integration-tests/setup.js: the plugin has no default
const LINK_SECRET = process.env.ENGAGEMENT_LINK_SECRET!

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let store: TestStore
    let shopper: CustomerSession

    beforeEach(async () => {
      store = await seedTestStore(getContainer())
      shopper = await createShopper(api, store, "ada@example.com")
    })

    const ledgerOf = async (customerId: string) =>
      await engagementOf(getContainer()).listConsents(
        { customer_id: customerId },
        { order: { recorded_at: "ASC", created_at: "ASC" } }
      )

    it("keeps every change as a ledger row with source and proof; the latest row is the current value", async () => {
      const initial = await api.get("/store/engagement/consents", shopper)
      expect(initial.data.consents).toEqual([
        expect.objectContaining({ purpose: "email_marketing", channel: "email", value: null }),
        expect.objectContaining({ purpose: "sms_marketing", channel: "sms", value: null }),
        expect.objectContaining({ purpose: "review_requests", channel: "email", value: null }),
      ])

      await api.post(
        "/store/engagement/consents",
        {
          consents: [
            { purpose: "email_marketing", value: "True", wording: "Newsletter v3", info: { where: "account page" } },
          ],
        },
        { headers: { ...shopper.headers, "user-agent": "jest-shopper" } }
      )
      const after = await api.post(
        "/store/engagement/consents",
        { consents: [{ purpose: "email_marketing", value: "False" }] },
        shopper
      )
      expect(after.data.consents[0]).toEqual(
        expect.objectContaining({ purpose: "email_marketing", value: "False", source: "storefront" })
      )

      const ledger = await ledgerOf(shopper.customerId)
      expect(ledger.map((row) => row.value)).toEqual(["True", "False"])
      expect(ledger[0]).toEqual(
        expect.objectContaining({
          purpose: "email_marketing",
          channel: "email",
          source: "storefront",
          actor_type: "customer",
          actor_id: shopper.customerId,
          user_agent: "jest-shopper",
          wording: "Newsletter v3",
          info: { where: "account page" },
          ip: expect.any(String),
        })
      )
    })

    it("answers 401 without a signed-in shopper and 400 naming the field for bad bodies, changing nothing", async () => {
      const pk = { headers: { "x-publishable-api-key": store.publishableKey } }
      expect((await responseOf(api.get("/store/engagement/consents", pk))).status).toBe(401)
      expect((await responseOf(api.post("/store/engagement/consents", { consents: [] }, pk))).status).toBe(401)

      const badValue = await responseOf(
        api.post("/store/engagement/consents", { consents: [{ purpose: "email_marketing", value: "Maybe" }] }, shopper)
      )
      expect(badValue.status).toBe(400)
      expect(badValue.data.message).toContain("value")

      const unknown = await responseOf(
        api.post("/store/engagement/consents", { consents: [{ purpose: "telepathy", value: "True" }] }, shopper)
      )
      expect(unknown.status).toBe(400)
      expect(unknown.data.message).toContain("telepathy")

      const extra = await responseOf(
        api.post(
          "/store/engagement/consents",
          { consents: [{ purpose: "email_marketing", value: "True" }], customer_id: "cus_other" },
          shopper
        )
      )
      expect(extra.status).toBe(400)
      expect(extra.data.message).toContain("customer_id")

      const twice = await responseOf(
        api.post(
          "/store/engagement/consents",
          {
            consents: [
              { purpose: "email_marketing", value: "True" },
              { purpose: "email_marketing", value: "False" },
            ],
          },
          shopper
        )
      )
      expect(twice.status).toBe(400)
      expect(twice.data.message).toContain("email_marketing")
      expect(await ledgerOf(shopper.customerId)).toEqual([])
    })

    it("double opt-in: AwaitingConfirmation emails a signed link that confirms once", async () => {
      await api.post(
        "/store/engagement/consents",
        { consents: [{ purpose: "email_marketing", value: "AwaitingConfirmation" }] },
        shopper
      )
      const [email] = await getContainer()
        .resolve(Modules.NOTIFICATION)
        .listNotifications({ to: "ada@example.com", template: "engagement-consent-confirmation" })
      expect(email).toBeDefined()
      const token = new URL(String(email.data!.confirm_url)).searchParams.get("token")!

      const confirmed = await api.post(
        "/store/engagement/consents/confirm",
        { token },
        { headers: { "x-publishable-api-key": store.publishableKey } }
      )
      expect(confirmed.data).toEqual(expect.objectContaining({ purpose: "email_marketing", value: "True" }))

      const replay = await responseOf(
        api.post(
          "/store/engagement/consents/confirm",
          { token },
          { headers: { "x-publishable-api-key": store.publishableKey } }
        )
      )
      expect(replay.status).toBe(409)
      expect(replay.data.message).toContain("already been used")
      expect((await ledgerOf(shopper.customerId)).map((row) => row.value)).toEqual(["AwaitingConfirmation", "True"])
    })

    it("unsubscribes by signed link in one click without login; GET only describes; tampered, expired and replayed links change nothing", async () => {
      await api.post(
        "/store/engagement/consents",
        { consents: [{ purpose: "email_marketing", value: "True" }] },
        shopper
      )
      const token = engagementOf(getContainer()).signLinkToken({
        customer_id: shopper.customerId,
        purpose: "email_marketing",
        action: "unsubscribe",
      })

      const described = await api.get(`/engagement/unsubscribe?token=${encodeURIComponent(token)}`)
      expect(described.data).toEqual(expect.objectContaining({ action: "unsubscribe", purpose: "email_marketing" }))
      expect((await ledgerOf(shopper.customerId)).map((row) => row.value)).toEqual(["True"])

      const [payload, mac] = token.split(".")
      const tampered = `${payload.slice(0, -2)}xx.${mac}`
      const refused = await responseOf(
        api.post(`/engagement/unsubscribe?token=${encodeURIComponent(tampered)}`, "List-Unsubscribe=One-Click")
      )
      expect(refused.status).toBe(400)
      expect(refused.data.message).toContain("token")

      const expired = signLinkToken(
        { customer_id: shopper.customerId, purpose: "email_marketing", action: "unsubscribe", ttl_ms: 1000 },
        LINK_SECRET,
        Date.now() - 60_000
      )
      const tooLate = await responseOf(api.post(`/engagement/unsubscribe?token=${encodeURIComponent(expired)}`))
      expect(tooLate.status).toBe(400)
      expect(tooLate.data.message).toContain("expired")
      expect((await ledgerOf(shopper.customerId)).map((row) => row.value)).toEqual(["True"])

      const done = await api.post(
        `/engagement/unsubscribe?token=${encodeURIComponent(token)}`,
        "List-Unsubscribe=One-Click",
        {
          headers: { "content-type": "application/x-www-form-urlencoded" },
        }
      )
      expect(done.data).toEqual(expect.objectContaining({ purpose: "email_marketing", value: "False" }))
      const replay = await responseOf(
        api.post(
          `/store/engagement/unsubscribe`,
          { token },
          { headers: { "x-publishable-api-key": store.publishableKey } }
        )
      )
      expect(replay.status).toBe(409)

      const ledger = await ledgerOf(shopper.customerId)
      expect(ledger.map((row) => [row.value, row.source])).toEqual([
        ["True", "storefront"],
        ["False", "email_link"],
      ])
      const current = await api.get("/store/engagement/consents", shopper)
      expect(current.data.consents[0]).toEqual(expect.objectContaining({ purpose: "email_marketing", value: "False" }))
    })

    const confirmationEmails = async (to = "ada@example.com") =>
      await getContainer()
        .resolve(Modules.NOTIFICATION)
        .listNotifications({ to, template: "engagement-consent-confirmation" }, { order: { created_at: "ASC" } })
    const tokenOf = (email: { data?: Record<string, unknown> | null }) =>
      new URL(String(email.data!.confirm_url)).searchParams.get("token")!
    const pk = () => ({ headers: { "x-publishable-api-key": store.publishableKey } })

    it("refuses a confirmation link once a later choice replaced its request (409), writing nothing", async () => {
      await api.post(
        "/store/engagement/consents",
        { consents: [{ purpose: "sms_marketing", value: "AwaitingConfirmation" }] },
        shopper
      )
      const [first] = await confirmationEmails()
      await api.post(
        "/store/engagement/consents",
        { consents: [{ purpose: "sms_marketing", value: "False" }] },
        shopper
      )

      const stale = await responseOf(api.post("/store/engagement/consents/confirm", { token: tokenOf(first) }, pk()))
      expect(stale.status).toBe(409)
      expect(stale.data.message).toContain("changed since")
      expect((await ledgerOf(shopper.customerId)).map((row) => row.value)).toEqual(["AwaitingConfirmation", "False"])
      // the link's use was given back when the change was refused: nothing of the attempt is left
      expect(await engagementOf(getContainer()).listLinkUses({ customer_id: shopper.customerId })).toEqual([])

      // a new request with new wording replaces the pending one: only its own link confirms
      await api.post(
        "/store/engagement/consents",
        { consents: [{ purpose: "sms_marketing", value: "AwaitingConfirmation", wording: "v1" }] },
        shopper
      )
      await api.post(
        "/store/engagement/consents",
        { consents: [{ purpose: "sms_marketing", value: "AwaitingConfirmation", wording: "v2" }] },
        shopper
      )
      const [, older, latest] = await confirmationEmails()
      expect(
        (await responseOf(api.post("/store/engagement/consents/confirm", { token: tokenOf(older) }, pk()))).status
      ).toBe(409)
      const confirmed = await api.post("/store/engagement/consents/confirm", { token: tokenOf(latest) }, pk())
      expect(confirmed.data).toEqual(expect.objectContaining({ purpose: "sms_marketing", value: "True" }))
      const ledger = await ledgerOf(shopper.customerId)
      expect(ledger.map((row) => [row.value, row.wording])).toEqual([
        ["AwaitingConfirmation", null],
        ["False", null],
        ["AwaitingConfirmation", "v1"],
        ["AwaitingConfirmation", "v2"],
        ["True", "v2"],
      ])
    })

    it("never lets a grant skip a pending double opt-in: True over AwaitingConfirmation waits for the link", async () => {
      await api.post(
        "/store/engagement/consents",
        { consents: [{ purpose: "sms_marketing", value: "AwaitingConfirmation" }] },
        shopper
      )
      const after = await api.post(
        "/store/engagement/consents",
        { consents: [{ purpose: "sms_marketing", value: "True" }] },
        shopper
      )
      expect(after.data.consents[1]).toEqual(
        expect.objectContaining({ purpose: "sms_marketing", value: "AwaitingConfirmation" })
      )
      expect((await ledgerOf(shopper.customerId)).map((row) => row.value)).toEqual(["AwaitingConfirmation"])
    })

    it("twenty identical requests at once write one ledger row and send one confirmation email", async () => {
      const fire = (consents: unknown[]) =>
        Promise.all(Array.from({ length: 20 }, () => api.post("/store/engagement/consents", { consents }, shopper)))
      await fire([{ purpose: "email_marketing", value: "AwaitingConfirmation", wording: "Newsletter v3" }])
      await fire([{ purpose: "review_requests", value: "True" }])

      const ledger = await ledgerOf(shopper.customerId)
      expect(ledger.map((row) => [row.purpose, row.value])).toEqual([
        ["email_marketing", "AwaitingConfirmation"],
        ["review_requests", "True"],
      ])
      expect(await confirmationEmails()).toHaveLength(1)
      expect(
        await engagementOf(getContainer()).listConsentConfirmations({ customer_id: shopper.customerId })
      ).toHaveLength(1)
    })

    it("re-sends a pending confirmation at most once per window, however many repeats arrive at once", async () => {
      await api.post(
        "/store/engagement/consents",
        { consents: [{ purpose: "email_marketing", value: "AwaitingConfirmation" }] },
        shopper
      )
      const engagement = engagementOf(getContainer())
      const [pending] = await ledgerOf(shopper.customerId)
      // the resend window (10 minutes) has passed since the request
      await engagement.updateConsents({ id: pending.id, recorded_at: new Date(Date.now() - 11 * 60_000) })

      await Promise.all(
        Array.from({ length: 20 }, () =>
          api.post(
            "/store/engagement/consents",
            { consents: [{ purpose: "email_marketing", value: "AwaitingConfirmation" }] },
            shopper
          )
        )
      )
      const emails = await confirmationEmails()
      expect(emails).toHaveLength(2)
      expect(await ledgerOf(shopper.customerId)).toHaveLength(1)
      // both links confirm the same, still pending, request: the first one used wins, the other is then stale
      expect(
        (await api.post("/store/engagement/consents/confirm", { token: tokenOf(emails[1]) }, pk())).data.value
      ).toBe("True")
      expect(
        (await responseOf(api.post("/store/engagement/consents/confirm", { token: tokenOf(emails[0]) }, pk()))).status
      ).toBe(409)
    })

    it("a valid link for a customer that does not exist changes nothing", async () => {
      const engagement = engagementOf(getContainer())
      for (const [path, action] of [
        ["/engagement/unsubscribe", "unsubscribe"],
        ["/store/engagement/consents/confirm", "confirm"],
      ] as const) {
        const token = engagement.signLinkToken({
          customer_id: "cus_nobody",
          purpose: "email_marketing",
          action,
          request_id: "engcon_nothing",
        })
        const refused = await responseOf(api.post(path, { token }, pk()))
        expect(refused.status).toBe(404)
        expect(refused.data.message).toContain("token")
      }
      expect(await ledgerOf("cus_nobody")).toEqual([])
      expect(await engagement.listLinkUses({ customer_id: "cus_nobody" })).toEqual([])
    })

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
        const [pen] = store.products
        const order = await placeOrder(api, store, {
          email: "ada@example.com",
          customerHeaders: shopper.headers,
          items: [{ variant_id: pen.variants[0].id, quantity: 1 }],
          cartMetadata: checkoutChoices,
        })
        // Medusa copies the cart's metadata onto the order, where the subscriber reads it
        const admin = await createAdminHeaders(getContainer())
        const { data } = await api.get(`/admin/orders/${order.id}?fields=metadata`, admin)
        expect(data.order.metadata).toEqual(checkoutChoices)

        const ledger = await eventually(async () => {
          const rows = await ledgerOf(shopper.customerId)
          return rows.length === 3 ? rows : undefined
        })
        const proof = {
          source: "checkout",
          actor_type: "customer",
          actor_id: shopper.customerId,
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
        const current = (await api.get("/store/engagement/consents", shopper)).data.consents
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
          shopper
        )
        const event = { name: "order.placed", data: { id: order.id } }
        await Promise.all([
          orderPlacedCheckoutConsents({ event, container: getContainer(), pluginOptions: {} }),
          orderPlacedCheckoutConsents({ event, container: getContainer(), pluginOptions: {} }),
        ])
        await getContainer().resolve(Modules.EVENT_BUS).emit(event)
        await new Promise((resolve) => setTimeout(resolve, 500))
        const after = await ledgerOf(shopper.customerId)
        expect(after).toHaveLength(4)
        expect(after.filter((row) => row.source === "checkout")).toHaveLength(3)
        expect((await api.get("/store/engagement/consents", shopper)).data.consents[2]).toEqual(
          expect.objectContaining({ purpose: "review_requests", value: "False", source: "storefront" })
        )
        expect(await confirmations()).toHaveLength(1)

        const engagementData = await api.get(`/admin/orders/${order.id}/engagement`, admin)
        expect(engagementData.data.checkout_consents).toEqual({
          customer_id: shopper.customerId,
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
          shopper
        )
        const before = await ledgerOf(shopper.customerId)
        const [pen] = store.products
        const order = await placeOrder(api, store, {
          email: "ada@example.com",
          items: [{ variant_id: pen.variants[0].id, quantity: 1 }],
          cartMetadata: {
            engagement_consents: { email_marketing: false, sms_marketing: true, review_requests: true, other: "yes" },
          },
        })
        // the premise: Medusa attached the guest checkout to Ada's account
        const admin = await createAdminHeaders(getContainer())
        const { data } = await api.get(`/admin/orders/${order.id}?fields=customer_id`, admin)
        expect(data.order.customer_id).toBe(shopper.customerId)

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
        expect(await ledgerOf(shopper.customerId)).toEqual(before)
        expect(await confirmationEmails()).toHaveLength(1)
      })

      it("a signed-in checkout's grant does not skip a pending double opt-in", async () => {
        await api.post(
          "/store/engagement/consents",
          { consents: [{ purpose: "sms_marketing", value: "AwaitingConfirmation" }] },
          shopper
        )
        const [pen] = store.products
        const order = await placeOrder(api, store, {
          email: "ada@example.com",
          customerHeaders: shopper.headers,
          items: [{ variant_id: pen.variants[0].id, quantity: 1 }],
          cartMetadata: { engagement_consents: { sms_marketing: true } },
        })
        const admin = await createAdminHeaders(getContainer())
        await eventually(
          async () => (await api.get(`/admin/orders/${order.id}/engagement`, admin)).data.checkout_consents ?? undefined
        )
        const ledger = await eventually(async () => {
          const rows = await ledgerOf(shopper.customerId)
          return rows.length === 2 ? rows : undefined
        })
        expect(ledger.map((row) => [row.value, row.source])).toEqual([
          ["AwaitingConfirmation", "storefront"],
          ["AwaitingConfirmation", "checkout"],
        ])
        expect((await api.get("/store/engagement/consents", shopper)).data.consents[1]).toEqual(
          expect.objectContaining({ purpose: "sms_marketing", value: "AwaitingConfirmation" })
        )
      })

      it("a checkout choice that cannot be read is left as not asked, and the order's engagement data says so", async () => {
        const [pen] = store.products
        const order = await placeOrder(api, store, {
          email: "ada@example.com",
          customerHeaders: shopper.headers,
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
        expect((await ledgerOf(shopper.customerId)).map((row) => [row.purpose, row.value])).toEqual([
          ["review_requests", "True"],
        ])
      })

      it("records a guest's choices on the customer record Medusa makes for the guest, one row even when order.placed arrives twice at once, and nothing for an order without choices", async () => {
        const [pen] = store.products
        await placeOrder(api, store, {
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
          orderPlacedCheckoutConsents({ event, container: getContainer(), pluginOptions: {} }),
          orderPlacedCheckoutConsents({ event, container: getContainer(), pluginOptions: {} }),
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

        const plain = await placeOrder(api, store, {
          email: "ada@example.com",
          customerHeaders: shopper.headers,
          items: [{ variant_id: pen.variants[0].id, quantity: 1 }],
        })
        await orderPlacedCheckoutConsents({
          event: { name: "order.placed", data: { id: plain.id } },
          container: getContainer(),
          pluginOptions: {},
        })
        expect(await ledgerOf(shopper.customerId)).toEqual([])
      })
    })
  },
})
