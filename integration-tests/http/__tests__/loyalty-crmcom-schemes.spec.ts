import { engagementSuite } from "../../helpers/suite"
import type LoyaltyModuleService from "../../../src/modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../src/modules/loyalty/types"
import { crmComShopper, quietOf, rewardsWithSchemes } from "../../helpers/crmcom-loyalty"
import { engagementOf } from "../../helpers/engagement"
import { responseOf } from "../../helpers/http"
import { useTestPlatforms } from "../../helpers/stand-ins"
import { giveRewards, ownRewards } from "../../stand-ins/crmcom-rewards"
import { signUpCodesOf } from "../../stand-ins/crmcom-reward-writes"

jest.setTimeout(240_000)

// CRM.COM keeps the points; its answers are kept a minute, so a fresh read after a write shows the cache was dropped
const platforms = useTestPlatforms(
  { LOYALTY_OPTIONS: JSON.stringify({ source: "crmcom", source_cache_ms: 60_000 }), ENGAGEMENT_HTTP_TIMEOUT: "1s" },
  { contacts: true }
)
const { crmcom } = platforms

const SCHEMES = "/store/engagement/reward-schemes"

engagementSuite({
  testSuite: ({ api, getContainer }, seeded) => {
    const loyalty = () => getContainer().resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    const shopper = (email: string, name?: string) => crmComShopper(api, getContainer(), seeded.store, email, name)
    const joinedOn = async (session: { headers: Record<string, string> }) =>
      Object.fromEntries(
        (await api.get(SCHEMES, session)).data.reward_schemes.map((scheme: { id: string; joined: boolean }) => [
          scheme.id,
          scheme.joined,
        ])
      )
    /** What CRM.COM itself holds, whatever the store's cache says. */
    const joinedOnCrmCom = (contactId: string) =>
      Object.fromEntries(
        ownRewards(crmcom, contactId)!.schemes.map((scheme) => [scheme.id, scheme.is_joined === "true"])
      )
    const rowsOf = (customerId: string, operation: string) =>
      engagementOf(getContainer()).listDeliveries({ customer_id: customerId, operation })

    it("signs the shopper up to an open scheme and out on CRM.COM through the outbox, once per click, and the next read shows it", async () => {
      const ada = await shopper("ada@example.com")
      giveRewards(crmcom, ada.contactId, rewardsWithSchemes())
      expect(await joinedOn(ada)).toEqual({ "SCHEME-OPEN": false, "SCHEME-CORP": false })

      const joined = await api.post(`${SCHEMES}/SCHEME-OPEN/sign-up`, {}, ada)
      expect(joined.data).toEqual({
        reward_scheme: expect.objectContaining({ id: "SCHEME-OPEN", joined: true, closed_loop: false }),
        verification: null,
      })
      const [signUp] = crmcom.callsTo("account_reward_schemes")
      expect(signUp.body).toEqual({ action: "SIGNUP", reward_scheme_id: "SCHEME-OPEN" })
      expect(signUp.headers.authorization).toMatch(/^Bearer /)
      const [row] = await rowsOf(ada.customerId, "sign_up_reward_scheme")
      expect(row).toMatchObject({ platform: "crmcom", status: "delivered", attempts: 1 })
      // the token is in the outbox only sealed
      expect(JSON.stringify(row.payload)).not.toContain(String(signUp.headers.authorization).replace("Bearer ", ""))
      // the cached list (a minute) was dropped: CRM.COM is asked again and says joined
      expect(await joinedOn(ada)).toEqual({ "SCHEME-OPEN": true, "SCHEME-CORP": false })

      // a double click, a reload: answered from the same row, not sent again
      const again = await Promise.all([1, 2, 3].map(() => api.post(`${SCHEMES}/SCHEME-OPEN/sign-up`, {}, ada)))
      expect(again.map((answer) => answer.data.reward_scheme.joined)).toEqual([true, true, true])
      expect(crmcom.callsTo("account_reward_schemes")).toHaveLength(1)
      expect(await rowsOf(ada.customerId, "sign_up_reward_scheme")).toHaveLength(1)

      const left = await api.post(`${SCHEMES}/SCHEME-OPEN/sign-out`, {}, ada)
      expect(left.data.reward_scheme).toMatchObject({ id: "SCHEME-OPEN", joined: false })
      expect(crmcom.callsTo("account_reward_schemes")[1].body).toEqual({
        action: "SIGNOUT",
        reward_scheme_id: "SCHEME-OPEN",
      })
      expect(await joinedOn(ada)).toEqual({ "SCHEME-OPEN": false, "SCHEME-CORP": false })

      // joining after leaving is a new call
      await api.post(`${SCHEMES}/SCHEME-OPEN/sign-up`, {}, ada)
      expect(crmcom.callsTo("account_reward_schemes").map((call) => (call.body as { action: string }).action)).toEqual([
        "SIGNUP",
        "SIGNOUT",
        "SIGNUP",
      ])
      expect(await joinedOn(ada)).toEqual({ "SCHEME-OPEN": true, "SCHEME-CORP": false })
      // nothing in the local ledger
      expect(await loyalty().listLoyaltySchemeMemberships({ customer_id: ada.customerId })).toHaveLength(0)
      expect(await loyalty().listLoyaltyTransactions({ customer_id: ada.customerId })).toHaveLength(0)
    })

    it("joins a closed loop with the code CRM.COM emails to an address in its domain; a wrong domain or code is a 400 naming the field", async () => {
      const ada = await shopper("ada@example.com")
      giveRewards(crmcom, ada.contactId, rewardsWithSchemes())

      const noEmail = await responseOf(api.post(`${SCHEMES}/SCHEME-CORP/sign-up`, {}, ada))
      expect([noEmail.status, noEmail.data.message]).toEqual([400, expect.stringMatching(/^email: /)])
      expect(crmcom.callsTo("account_reward_schemes")).toHaveLength(0)

      const wrongDomain = await responseOf(
        api.post(`${SCHEMES}/SCHEME-CORP/sign-up`, { email: "ada@example.com" }, ada)
      )
      expect(wrongDomain.status).toBe(400)
      expect(wrongDomain.data).toMatchObject({ type: "invalid_data", reason: "invalid_email_domain" })
      expect(wrongDomain.data.message).toMatch(/^email: CRM.COM refused it \(INVALID_EMAIL_DOMAIN/)

      const requested = await api.post(`${SCHEMES}/SCHEME-CORP/sign-up`, { email: "ada@example-corp.com" }, ada)
      expect(requested.data).toEqual({
        reward_scheme: expect.objectContaining({ id: "SCHEME-CORP", closed_loop: true, joined: false }),
        verification: { email: "ada@example-corp.com", expires_at: null },
      })
      expect(crmcom.callsTo("account_reward_schemes")[1].body).toEqual({
        action: "SIGNUP",
        reward_scheme_id: "SCHEME-CORP",
        email_address: "ada@example-corp.com",
      })
      const [code] = signUpCodesOf(crmcom, "ada@example-corp.com")

      const wrong = await responseOf(api.post(`${SCHEMES}/SCHEME-CORP/verify`, { code: "WRONG0CODE" }, ada))
      expect(wrong.status).toBe(400)
      expect(wrong.data).toMatchObject({ type: "invalid_data", reason: "invalid_sign_up_code", tries_left: null })
      expect(wrong.data.message).toMatch(/^code: CRM.COM refused it/)
      expect(joinedOnCrmCom(ada.contactId)).toEqual({ "SCHEME-OPEN": false, "SCHEME-CORP": false })

      const right = await api.post(`${SCHEMES}/SCHEME-CORP/verify`, { code }, ada)
      expect(right.data.reward_scheme).toMatchObject({ id: "SCHEME-CORP", joined: true })
      const verified = crmcom.callsTo("verify_sign_up")
      expect(verified.map((call) => call.body)).toEqual([{ sign_up_code: "WRONG0CODE" }, { sign_up_code: code }])
      // the code names the request on its own: no contact token with it
      expect(verified[1].headers.authorization).toBeUndefined()
      const rows = await rowsOf(ada.customerId, "verify_reward_scheme_sign_up")
      expect(rows.map((row) => JSON.stringify(row.payload)).join()).not.toContain(code)
      expect(await joinedOn(ada)).toEqual({ "SCHEME-OPEN": false, "SCHEME-CORP": true })

      // the same code again is answered from its row: CRM.COM would refuse a used code
      const replay = await api.post(`${SCHEMES}/SCHEME-CORP/verify`, { code }, ada)
      expect(replay.data.reward_scheme.joined).toBe(true)
      expect(crmcom.callsTo("verify_sign_up")).toHaveLength(2)
    })

    it("sets the shopper's automatic spend on their CRM.COM account, in money at the store's rate, and reads it back", async () => {
      const ada = await shopper("ada@example.com")
      giveRewards(crmcom, ada.contactId, rewardsWithSchemes())
      expect((await api.get("/store/engagement/loyalty/preferences", ada)).data.preferences).toEqual({
        auto_spend: { enabled: false, minimum_points: 0 },
      })

      const set = await api.post(
        "/store/engagement/loyalty/preferences",
        { auto_spend: { enabled: true, minimum_points: 550 } },
        ada
      )
      expect(set.data.preferences).toEqual({ auto_spend: { enabled: true, minimum_points: 550 } })
      const [update] = crmcom.callsTo("update_account_rewards")
      expect(update.body).toEqual({ spend_preferences: { enable_automatic_spend: true, minimum_wallet_balance: 5.5 } })
      expect((await api.get("/store/engagement/loyalty/preferences", ada)).data.preferences).toEqual({
        auto_spend: { enabled: true, minimum_points: 550 },
      })
      expect(await loyalty().listLoyaltyPreferences({ customer_id: ada.customerId })).toHaveLength(0)
    })

    it("answers 424 naming CRM.COM and changes nothing when it is down, and sends the shopper's retry", async () => {
      const ada = await shopper("ada@example.com")
      giveRewards(crmcom, ada.contactId, rewardsWithSchemes())
      await quietOf(crmcom)

      crmcom.failNextOn("account_reward_schemes", 1, { kind: "status", status: 503, body: { code: "UNAVAILABLE" } })
      const down = await responseOf(api.post(`${SCHEMES}/SCHEME-OPEN/sign-up`, {}, ada))
      expect([down.status, down.data]).toEqual([
        424,
        {
          type: "platform_unavailable",
          message: "loyalty: CRM.COM did not answer the reward scheme sign-up; try again later",
          platform: "CRM.COM",
          failed: "reward scheme sign-up",
        },
      ])
      expect(joinedOnCrmCom(ada.contactId)).toEqual({ "SCHEME-OPEN": false, "SCHEME-CORP": false })
      // the row is dead, not left to be sent behind the shopper's back
      const [dead] = await rowsOf(ada.customerId, "sign_up_reward_scheme")
      expect(dead).toMatchObject({ status: "dead", attempts: 1 })

      // CRM.COM's reads failing before the call: the same 424, and no row
      crmcom.failNextOn("contact_accounts", 1, { kind: "reset" })
      const unread = await responseOf(api.post(`${SCHEMES}/SCHEME-OPEN/sign-out`, {}, ada))
      expect([unread.status, unread.data.platform, unread.data.failed]).toEqual([424, "CRM.COM", "accounts"])
      expect(await rowsOf(ada.customerId, "sign_out_reward_scheme")).toHaveLength(0)

      const retried = await api.post(`${SCHEMES}/SCHEME-OPEN/sign-up`, {}, ada)
      expect(retried.data.reward_scheme.joined).toBe(true)
      expect(crmcom.acceptedCallsTo("account_reward_schemes")).toHaveLength(1)
      expect(await joinedOn(ada)).toEqual({ "SCHEME-OPEN": true, "SCHEME-CORP": false })
    })
  },
})
