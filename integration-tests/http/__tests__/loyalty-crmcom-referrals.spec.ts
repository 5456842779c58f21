import { engagementSuite } from "../../helpers/suite"
import type LoyaltyModuleService from "../../../src/modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../src/modules/loyalty/types"
import { crmComShopper, quietOf, rewardsWithSchemes } from "../../helpers/crmcom-loyalty"
import { engagementOf } from "../../helpers/engagement"
import { responseOf } from "../../helpers/http"
import { useTestPlatforms } from "../../helpers/stand-ins"
import { createCustomerSession } from "../../helpers/store"
import { giveRewards, ownRewards } from "../../stand-ins/crmcom-rewards"
import { giveReferralCode, invitationsOf, referralsOf } from "../../stand-ins/crmcom-reward-writes"

jest.setTimeout(240_000)

const platforms = useTestPlatforms(
  { LOYALTY_OPTIONS: JSON.stringify({ source: "crmcom", source_cache_ms: 60_000 }), ENGAGEMENT_HTTP_TIMEOUT: "1s" },
  { contacts: true }
)
const { crmcom } = platforms

engagementSuite({
  testSuite: ({ api, getContainer }, seeded) => {
    const loyalty = () => getContainer().resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    const shopper = (email: string, name?: string) => crmComShopper(api, getContainer(), seeded.store, email, name)
    const rowsOf = (customerId: string, operation: string) =>
      engagementOf(getContainer()).listDeliveries({ customer_id: customerId, operation })

    it("claims a referral code as a CRM.COM referral event of the shopper's own contact, once, and refuses a code CRM.COM refuses", async () => {
      const bob = await shopper("bob@example.com", "Bob")
      const ada = await shopper("ada@example.com")
      giveReferralCode(crmcom, bob.contactId, "REF123")
      // Bob's code is CRM.COM's, read from his contact
      expect((await api.get("/store/engagement/referral", bob)).data.referral).toMatchObject({
        code: "REF123",
        url: expect.stringContaining("REF123"),
      })
      expect(crmcom.callsTo("get_contact").at(-1)?.path).toBe(`/contacts/${bob.contactId}`)

      const claimed = await api.post("/store/engagement/referral/claim", { code: "ref123" }, ada)
      const [event] = referralsOf(crmcom)
      expect(event).toMatchObject({ contact_id: ada.contactId, referral_code: "REF123" })
      expect(claimed.data).toEqual({
        referral: { id: event.id, code: "REF123", status: "claimed", refusal_reason: null },
      })
      expect(crmcom.callsTo("create_referral")[0].body).toEqual({ referral_code: "REF123" })

      // the same claim again (a double click): one referral event, the same answer
      const twice = await Promise.all(
        [1, 2].map(() => api.post("/store/engagement/referral/claim", { code: "REF123" }, ada))
      )
      expect(twice.map((answer) => answer.data.referral.id)).toEqual([event.id, event.id])
      expect(referralsOf(crmcom)).toHaveLength(1)
      expect(crmcom.callsTo("create_referral")).toHaveLength(1)

      // Bob's own code from Bob's own contact: CRM.COM refuses it, and the store says so naming the field
      const own = await responseOf(api.post("/store/engagement/referral/claim", { code: "REF123" }, bob))
      expect(own.status).toBe(400)
      expect(own.data).toMatchObject({ type: "invalid_data", reason: "invalid_referral_code" })
      expect(own.data.message).toMatch(/^code: CRM.COM refused it \(INVALID_REFERRAL_CODE/)
      expect(referralsOf(crmcom)).toHaveLength(1)
      expect(await loyalty().listLoyaltyReferrals({ referee_customer_id: ada.customerId })).toHaveLength(0)
    })

    it("has CRM.COM send the invitations, never to an address that has an account, once per list", async () => {
      const ada = await shopper("ada@example.com")
      await shopper("bob@example.com", "Bob")
      const emails = ["friend@example.net", "Friend@Example.net", "bob@example.com", "pal@example.org"]

      const sent = await api.post("/store/engagement/referral/invitations", { emails }, ada)
      expect(sent.data.invitations).toEqual([
        { email: "friend@example.net", status: "sent", reason: null },
        { email: "bob@example.com", status: "skipped", reason: "already_customer" },
        { email: "pal@example.org", status: "sent", reason: null },
      ])
      expect(invitationsOf(crmcom)).toEqual([
        { contact_id: ada.contactId, recipients: ["friend@example.net", "pal@example.org"] },
      ])
      await api.post(
        "/store/engagement/referral/invitations",
        { emails: ["pal@example.org", "friend@example.net"] },
        ada
      )
      expect(crmcom.callsTo("send_referrals")).toHaveLength(1)
      expect(await loyalty().listLoyaltyReferralInvitations({ advocate_customer_id: ada.customerId })).toHaveLength(0)
    })

    it("does not send a referral claim again after CRM.COM left it unanswered (it may have arrived), and says so with a 424", async () => {
      const bob = await shopper("bob@example.com", "Bob")
      const ada = await shopper("ada@example.com")
      giveReferralCode(crmcom, bob.contactId, "REF123")
      await quietOf(crmcom)

      crmcom.failNextOn("create_referral", 1, { kind: "timeout" })
      const unanswered = await responseOf(api.post("/store/engagement/referral/claim", { code: "REF123" }, ada))
      expect(unanswered.status).toBe(424)
      expect(unanswered.data).toMatchObject({
        type: "platform_unavailable",
        platform: "CRM.COM",
        failed: "referral claim",
        message: expect.stringContaining("it may have arrived, so it is not sent again"),
      })
      const retried = await responseOf(api.post("/store/engagement/referral/claim", { code: "REF123" }, ada))
      expect(retried.status).toBe(424)
      expect(crmcom.callsTo("create_referral")).toHaveLength(1)
      expect(await rowsOf(ada.customerId, "create_referral")).toEqual([
        expect.objectContaining({ status: "dead", in_doubt: true, attempts: 1 }),
      ])
    })

    it("acts only on the signed-in shopper's own CRM.COM account, and refuses bad input with a 400 naming the field", async () => {
      const ada = await shopper("ada@example.com")
      const bob = await shopper("bob@example.com", "Bob")
      giveRewards(crmcom, ada.contactId, rewardsWithSchemes())
      const bobs = giveRewards(crmcom, bob.contactId, rewardsWithSchemes())

      // Bob names Ada in the body: refused; his own sign-up goes to his own account with his own token
      const named = await responseOf(
        api.post("/store/engagement/reward-schemes/SCHEME-OPEN/sign-up", { customer_id: ada.customerId }, bob)
      )
      expect([named.status, named.data.message]).toEqual([400, expect.stringContaining("customer_id")])
      await api.post("/store/engagement/reward-schemes/SCHEME-OPEN/sign-up", {}, bob)
      expect(crmcom.callsTo("account_reward_schemes").map((call) => call.path)).toEqual([
        `/accounts/${bobs.account_id}/reward_schemes`,
      ])
      expect(ownRewards(crmcom, ada.contactId)!.schemes[0].is_joined).toBe("false")
      expect(ownRewards(crmcom, bob.contactId)!.schemes[0].is_joined).toBe("true")

      const bad: [string, unknown, string][] = [
        ["/store/engagement/reward-schemes/SCHEME-CORP/verify", { code: "bad\u0000code" }, "code"],
        ["/store/engagement/reward-schemes/SCHEME-CORP/verify", { code: "x".repeat(129) }, "code"],
        ["/store/engagement/reward-schemes/SCHEME-CORP/sign-up", { email: 42 }, "email"],
        ["/store/engagement/reward-schemes/SCHEME-CORP/sign-up", { email: "\ud800@example-corp.com" }, "email"],
        ["/store/engagement/referral/claim", { code: ["REF123"] }, "code"],
        ["/store/engagement/referral/invitations", { emails: Array(11).fill("a@example.net") }, "emails"],
        ["/store/engagement/loyalty/preferences", { auto_spend: { enabled: "yes" } }, "auto_spend.enabled"],
      ]
      for (const [path, body, field] of bad) {
        const refused = await responseOf(api.post(path, body, ada))
        expect([path, refused.status, refused.data.message]).toEqual([path, 400, expect.stringContaining(field)])
      }
      const unknown = await responseOf(api.post("/store/engagement/reward-schemes/NOPE/sign-up", {}, ada))
      expect(unknown.status).toBe(404)

      const guest = { headers: { "x-publishable-api-key": seeded.store.publishableKey } }
      for (const path of ["/store/engagement/reward-schemes/SCHEME-OPEN/sign-up", "/store/engagement/referral/claim"]) {
        expect((await responseOf(api.post(path, { code: "REF123" }, guest))).status).toBe(401)
      }

      // registered, but not on CRM.COM yet: a 409, no call
      const early = await createCustomerSession(api, seeded.store, {
        email: "early@example.com",
        password: "secret-password",
        first_name: "E",
        last_name: "Arly",
      })
      const calls = crmcom.requests.length
      const notYet = await responseOf(api.post("/store/engagement/referral/claim", { code: "REF123" }, early))
      expect([notYet.status, notYet.data.type]).toEqual([409, "conflict"])
      expect(crmcom.requests.slice(calls).filter((call) => call.method === "POST")).toHaveLength(0)
    })
  },
})
