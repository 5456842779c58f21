import { createHmac } from "node:crypto"
import { Modules } from "@medusajs/framework/utils"
import { engagementSuite } from "../../helpers/suite"
import { signLinkToken } from "../../../src/modules/engagement/consents/link-token"
import { confirmationEmailsTo, consentLedgerOf, engagementOf } from "../../helpers/engagement"
import { responseOf } from "../../helpers/http"

jest.setTimeout(180_000)

// set for every test file by integration-tests/setup.js: the plugin has no default
const LINK_SECRET = process.env.ENGAGEMENT_LINK_SECRET!

/** A token of any claims, signed with the real link secret as the signers sign (`purpose`: the review links' key label). */
function signedWithRealSecret(claims: Record<string, unknown>, purpose: string | null = null): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url")
  const key = purpose === null ? LINK_SECRET : createHmac("sha256", LINK_SECRET).update(purpose).digest()
  return `${payload}.${createHmac("sha256", key).update(payload).digest("base64url")}`
}

/** The signed links of emails: double opt-in confirmation and one-click unsubscribe, each working once. */
engagementSuite({
  shopper: "ada@example.com",
  testSuite: ({ api, getContainer }, seeded) => {
    const ledgerOf = (customerId: string) => consentLedgerOf(getContainer(), customerId)

    const confirmationEmails = (to = "ada@example.com") => confirmationEmailsTo(getContainer(), to)
    const tokenOf = (email: { data?: Record<string, unknown> | null }) =>
      new URL(String(email.data!.confirm_url)).searchParams.get("token")!
    const pk = () => ({ headers: { "x-publishable-api-key": seeded.store.publishableKey } })

    it("double opt-in: AwaitingConfirmation emails a signed link that confirms once", async () => {
      await api.post(
        "/store/engagement/consents",
        { consents: [{ purpose: "email_marketing", value: "AwaitingConfirmation" }] },
        seeded.shopper
      )
      const [email] = await getContainer()
        .resolve(Modules.NOTIFICATION)
        .listNotifications({ to: "ada@example.com", template: "engagement-consent-confirmation" })
      expect(email).toBeDefined()
      const token = new URL(String(email.data!.confirm_url)).searchParams.get("token")!
      // a confirmation link works 48 hours
      const { e } = JSON.parse(Buffer.from(token.split(".")[0], "base64url").toString())
      expect((e * 1000 - Date.now()) / 3_600_000).toBeGreaterThan(47.9)
      expect((e * 1000 - Date.now()) / 3_600_000).toBeLessThanOrEqual(48)

      const confirmed = await api.post(
        "/store/engagement/consents/confirm",
        { token },
        { headers: { "x-publishable-api-key": seeded.store.publishableKey } }
      )
      expect(confirmed.data).toEqual(expect.objectContaining({ purpose: "email_marketing", value: "True" }))

      const replay = await responseOf(
        api.post(
          "/store/engagement/consents/confirm",
          { token },
          { headers: { "x-publishable-api-key": seeded.store.publishableKey } }
        )
      )
      expect(replay.status).toBe(409)
      expect(replay.data.message).toContain("already been used")
      expect((await ledgerOf(seeded.shopper.customerId)).map((row) => row.value)).toEqual([
        "AwaitingConfirmation",
        "True",
      ])
    })

    it("unsubscribes by signed link in one click without login; GET only describes; tampered, expired and replayed links change nothing", async () => {
      await api.post(
        "/store/engagement/consents",
        { consents: [{ purpose: "email_marketing", value: "True" }] },
        seeded.shopper
      )
      const token = engagementOf(getContainer()).signLinkToken({
        customer_id: seeded.shopper.customerId,
        purpose: "email_marketing",
        action: "unsubscribe",
      })

      const described = await api.get(`/engagement/unsubscribe?token=${encodeURIComponent(token)}`)
      expect(described.data).toEqual(expect.objectContaining({ action: "unsubscribe", purpose: "email_marketing" }))
      expect((await ledgerOf(seeded.shopper.customerId)).map((row) => row.value)).toEqual(["True"])

      const [payload, mac] = token.split(".")
      const tampered = `${payload.slice(0, -2)}xx.${mac}`
      const refused = await responseOf(
        api.post(`/engagement/unsubscribe?token=${encodeURIComponent(tampered)}`, "List-Unsubscribe=One-Click")
      )
      expect(refused.status).toBe(400)
      expect(refused.data.message).toContain("token")

      const expired = signLinkToken(
        { customer_id: seeded.shopper.customerId, purpose: "email_marketing", action: "unsubscribe", ttl_ms: 1000 },
        LINK_SECRET,
        Date.now() - 60_000
      )
      const tooLate = await responseOf(api.post(`/engagement/unsubscribe?token=${encodeURIComponent(expired)}`))
      expect(tooLate.status).toBe(400)
      expect(tooLate.data.message).toContain("expired")
      expect((await ledgerOf(seeded.shopper.customerId)).map((row) => row.value)).toEqual(["True"])

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
          { headers: { "x-publishable-api-key": seeded.store.publishableKey } }
        )
      )
      expect(replay.status).toBe(409)

      const ledger = await ledgerOf(seeded.shopper.customerId)
      expect(ledger.map((row) => [row.value, row.source])).toEqual([
        ["True", "storefront"],
        ["False", "email_link"],
      ])
      const current = await api.get("/store/engagement/consents", seeded.shopper)
      expect(current.data.consents[0]).toEqual(expect.objectContaining({ purpose: "email_marketing", value: "False" }))
    })

    it("refuses a confirmation link once a later choice replaced its request (409), writing nothing", async () => {
      await api.post(
        "/store/engagement/consents",
        { consents: [{ purpose: "sms_marketing", value: "AwaitingConfirmation" }] },
        seeded.shopper
      )
      const [first] = await confirmationEmails()
      await api.post(
        "/store/engagement/consents",
        { consents: [{ purpose: "sms_marketing", value: "False" }] },
        seeded.shopper
      )

      const stale = await responseOf(api.post("/store/engagement/consents/confirm", { token: tokenOf(first) }, pk()))
      expect(stale.status).toBe(409)
      expect(stale.data.message).toContain("changed since")
      expect((await ledgerOf(seeded.shopper.customerId)).map((row) => row.value)).toEqual([
        "AwaitingConfirmation",
        "False",
      ])
      // the link's use was given back when the change was refused: nothing of the attempt is left
      expect(await engagementOf(getContainer()).listLinkUses({ customer_id: seeded.shopper.customerId })).toEqual([])

      // a new request with new wording replaces the pending one: only its own link confirms
      await api.post(
        "/store/engagement/consents",
        { consents: [{ purpose: "sms_marketing", value: "AwaitingConfirmation", wording: "v1" }] },
        seeded.shopper
      )
      await api.post(
        "/store/engagement/consents",
        { consents: [{ purpose: "sms_marketing", value: "AwaitingConfirmation", wording: "v2" }] },
        seeded.shopper
      )
      const [, older, latest] = await confirmationEmails()
      expect(
        (await responseOf(api.post("/store/engagement/consents/confirm", { token: tokenOf(older) }, pk()))).status
      ).toBe(409)
      const confirmed = await api.post("/store/engagement/consents/confirm", { token: tokenOf(latest) }, pk())
      expect(confirmed.data).toEqual(expect.objectContaining({ purpose: "sms_marketing", value: "True" }))
      const ledger = await ledgerOf(seeded.shopper.customerId)
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

    it("a link signed with the real secret but with claims no signer writes is a 400 naming the token, and changes nothing", async () => {
      const later = Math.floor(Date.now() / 1000) + 3600
      const claims = { c: seeded.shopper.customerId, p: "email_marketing", a: "unsubscribe", n: "abcdefghijklmnop" }
      const malformed = [
        signedWithRealSecret({ ...claims, e: 1e308 }),
        signedWithRealSecret({ ...claims, e: later, c: "cus_\u0000nobody" }),
        signedWithRealSecret({ ...claims, e: later, p: "email_marketing\u0000" }),
        signedWithRealSecret({ ...claims, e: later, extra: true }),
      ]
      for (const token of malformed) {
        for (const answer of [
          await responseOf(api.get(`/engagement/unsubscribe?token=${encodeURIComponent(token)}`)),
          await responseOf(api.post(`/engagement/unsubscribe?token=${encodeURIComponent(token)}`)),
          await responseOf(api.post("/store/engagement/unsubscribe", { token }, pk())),
        ]) {
          expect([answer.status, answer.data.message]).toEqual([400, expect.stringMatching(/^token: /)])
        }
      }
      const review = { r: "engrr_1", i: "prod_1", h: "pen", n: 0 }
      for (const token of [
        signedWithRealSecret({ ...review, e: 1e308 }, "engagement:review-link:v1"),
        signedWithRealSecret({ ...review, e: later, r: "engrr_\u0000" }, "engagement:review-link:v1"),
      ]) {
        const answer = await responseOf(api.get(`/engagement/review-links/${token}`, { maxRedirects: 0 }))
        expect([answer.status, answer.data.message]).toEqual([400, expect.stringMatching(/^token: /)])
      }
      expect(await engagementOf(getContainer()).listLinkUses({})).toEqual([])
      expect(await ledgerOf(seeded.shopper.customerId)).toEqual([])
    })

    it("the GET of a link its POST would refuse says why instead of inviting the POST", async () => {
      await api.post(
        "/store/engagement/consents",
        { consents: [{ purpose: "email_marketing", value: "True" }] },
        seeded.shopper
      )
      const engagement = engagementOf(getContainer())
      const token = engagement.signLinkToken({
        customer_id: seeded.shopper.customerId,
        purpose: "email_marketing",
        action: "unsubscribe",
      })
      const described = (await api.get(`/engagement/unsubscribe?token=${encodeURIComponent(token)}`)).data
      expect(described.effect).toMatch(/^POST/)
      // short-lived, but an opt-out must keep working 30 days after the email: 35 days
      const lifetime = new Date(described.expires_at).getTime() - Date.now()
      expect(lifetime / 86_400_000).toBeGreaterThan(34.9)
      expect(lifetime / 86_400_000).toBeLessThanOrEqual(35)
      await api.post(`/engagement/unsubscribe?token=${encodeURIComponent(token)}`)

      const used = await responseOf(api.get(`/engagement/unsubscribe?token=${encodeURIComponent(token)}`))
      expect([used.status, used.data.message]).toEqual([409, "token: this link has already been used"])
      const usedInStore = await responseOf(
        api.get(`/store/engagement/unsubscribe?token=${encodeURIComponent(token)}`, pk())
      )
      expect(usedInStore.status).toBe(409)

      const nobody = engagement.signLinkToken({
        customer_id: "cus_nobody",
        purpose: "email_marketing",
        action: "unsubscribe",
      })
      const missing = await responseOf(api.get(`/engagement/unsubscribe?token=${encodeURIComponent(nobody)}`))
      expect([missing.status, missing.data.message]).toEqual([404, "token: the customer of this link does not exist"])
      expect((await ledgerOf(seeded.shopper.customerId)).map((row) => row.value)).toEqual(["True", "False"])
    })
  },
})
