import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { signLinkToken } from "../../../src/modules/engagement/consents/link-token"
import { confirmationEmailsTo, consentLedgerOf, engagementOf } from "../../helpers/engagement"
import { responseOf } from "../../helpers/http"
import { createShopper, CustomerSession, seedTestStore, TestStore } from "../../helpers/store"

jest.setTimeout(180_000)

// set for every test file by integration-tests/setup.js: the plugin has no default
const LINK_SECRET = process.env.ENGAGEMENT_LINK_SECRET!

/** The signed links of emails: double opt-in confirmation and one-click unsubscribe, each working once. */
medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let store: TestStore
    let shopper: CustomerSession

    beforeEach(async () => {
      store = await seedTestStore(getContainer())
      shopper = await createShopper(api, store, "ada@example.com")
    })

    const ledgerOf = (customerId: string) => consentLedgerOf(getContainer(), customerId)

    const confirmationEmails = (to = "ada@example.com") => confirmationEmailsTo(getContainer(), to)
    const tokenOf = (email: { data?: Record<string, unknown> | null }) =>
      new URL(String(email.data!.confirm_url)).searchParams.get("token")!
    const pk = () => ({ headers: { "x-publishable-api-key": store.publishableKey } })

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
  },
})
