import { engagementSuite } from "../../helpers/suite"
import type LoyaltyModuleService from "../../../src/modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../src/modules/loyalty/types"
import { contactSyncOf, syncContactsNow } from "../../helpers/engagement"
import { useTestPlatforms } from "../../helpers/stand-ins"
import { createCustomerSession, placeOrder } from "../../helpers/store"
import { giveRewards } from "../../stand-ins/crmcom-rewards"

jest.setTimeout(240_000)

// CRM.COM keeps the points; its answers are kept 5 s per contact
const platforms = useTestPlatforms(
  { LOYALTY_OPTIONS: JSON.stringify({ source: "crmcom", source_cache_ms: 5000 }), ENGAGEMENT_HTTP_TIMEOUT: "1s" },
  { contacts: true }
)
const { crmcom } = platforms

/** CRM.COM did not answer `failed`: a 424 naming it */
const down = (failed: string) => ({
  type: "platform_unavailable",
  message: `crmcom: CRM.COM did not answer (${failed}); try again later`,
  platform: "CRM.COM",
  failed,
})
const NOT_SYNCED = {
  type: "conflict",
  message: "crmcom: your contact is not on CRM.COM yet (or its session is being renewed); try again shortly",
}

/** Ada's rewards as CRM.COM's examples show them: EUR, a Red tier on its way to Gold, one closed-loop scheme joined. */
const ADA_REWARDS = {
  currency_code: "EUR",
  rewards: {
    signed_up_on: 1583846865,
    spending_blocked_status: "false",
    reward_tier: {
      id: "tier-red",
      name: "Red",
      achieved_date: 1767225600,
      period_value_units: 2000,
      lifetime_value_units: 12543,
      maintain_tier: { points_needed: 200, collected_by: "1798761600" },
      progress: { points_needed: "1400", collected_by: "1798761600", id: "tier-gold", name: "Gold" },
    },
    joined_reward_schemes: [
      { id: "SCHEME-CORP", name: "CRMdotCOM Scheme", signed_up_on: 1767225600, email_address: "ada@example-corp.com" },
    ],
    rewards: { total_awards: "123.23", total_spends: "43.56" },
  },
  balances: [
    {
      amount: 10.5,
      id: "COND-1",
      name: "Anywhere",
      expiration: { zero_to_thirty: 2.5, thirty_to_sixty: 0, sixty_to_ninety: 3, ninety_plus: 5 },
    },
    {
      amount: 2,
      id: "COND-2",
      name: "Happy Hour",
      expiration: { zero_to_thirty: 0, thirty_to_sixty: 2, sixty_to_ninety: 0, ninety_plus: 0 },
    },
  ],
  schemes: [
    {
      id: "SCHEME-OPEN",
      name: "Loyalty Scheme",
      description: "Lorem Ipsum",
      terms_and_conditions: "",
      sign_up_option: "SELF_SIGN_UP",
      is_joined: "false",
    },
    {
      id: "SCHEME-CORP",
      name: "CRMdotCOM Scheme",
      description: "Staff",
      terms_and_conditions: "",
      sign_up_option: "CLOSE_LOOP_EMAIL",
      is_joined: "true",
    },
  ],
}

engagementSuite({
  admin: true,
  testSuite: ({ api, getContainer }, seeded) => {
    const loyalty = () => getContainer().resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    const answerOf = (promise: Promise<{ status: number; data: any }>) => promise.catch((error) => error.response)
    /** A registered shopper whose contact the sync put on CRM.COM (with its token kept sealed). */
    async function syncedShopper(email: string) {
      const session = await createCustomerSession(api, seeded.store, {
        email,
        password: "secret-password",
        first_name: "Ada",
        last_name: "Lovelace",
      })
      await contactSyncOf(getContainer(), session.customerId, "crmcom")
      await syncContactsNow(getContainer())
      const sync = await contactSyncOf(getContainer(), session.customerId, "crmcom")
      expect(sync.external_id).toEqual(expect.any(String))
      return { ...session, contactId: sync.external_id as string }
    }

    /** Waits until the contact sync's calls are over, so the failures told to CRM.COM meet the reads. */
    async function quiet() {
      for (let seen = -1; seen !== crmcom.requests.length;) {
        seen = crmcom.requests.length
        await new Promise((resolve) => setTimeout(resolve, 1500))
      }
    }

    it("answers the shopper's and the admin's summary from CRM.COM's rewards and wallet balances, cached, writing nothing locally", async () => {
      const ada = await syncedShopper("ada@example.com")
      giveRewards(crmcom, ada.contactId, ADA_REWARDS)

      const { data } = await api.get("/store/engagement/loyalty", ada)
      // money in the wallet shows as points at 100 per 1.00 EUR
      expect(data.loyalty).toEqual({
        balance: 1250,
        pending: 0,
        pending_dates: [],
        reserved: 0,
        debt: 0,
        lifetime_points: 12543,
        period_points: 2000,
        total_earned: 12323,
        total_redeemed: 4356,
        spending_blocked: false,
        tier: {
          id: "tier-red",
          name: "Red",
          color: null,
          reached_at: "2026-01-01T00:00:00.000Z",
          points_to_retain: 200,
          retain_by: "2027-01-01T00:00:00.000Z",
          next: { id: "tier-gold", name: "Gold", points_needed: 1400 },
        },
        next_tier: null,
        expiring: [
          { from_days: 0, to_days: 30, points: 250 },
          { from_days: 30, to_days: 60, points: 200 },
          { from_days: 60, to_days: 90, points: 300 },
          { from_days: 90, to_days: null, points: 500 },
        ],
      })
      for (const route of ["contact_accounts", "account_rewards", "account_financials", "wallet_balances"]) {
        expect(crmcom.callsTo(route)).toHaveLength(1)
      }
      expect(crmcom.callsTo("wallet_balances")[0].query).toEqual({ include_expiration: "true" })
      expect(crmcom.callsTo("account_rewards")[0].headers.authorization).toMatch(/^Bearer /)

      // the admin's view of the same contact within the cache window: no new call, the schemes joined
      const { data: asAdmin } = await api.get(`/admin/engagement/contacts/${ada.customerId}/loyalty`, seeded.admin)
      expect(asAdmin.loyalty).toMatchObject({
        customer_id: ada.customerId,
        source: "CRM.COM",
        balance: 1250,
        holds: [],
      })
      expect(asAdmin.loyalty.schemes).toEqual([
        {
          id: "SCHEME-CORP",
          name: "CRMdotCOM Scheme",
          email: "ada@example-corp.com",
          joined_at: "2026-01-01T00:00:00.000Z",
        },
      ])
      expect(crmcom.callsTo("account_rewards")).toHaveLength(1)

      const { data: schemes } = await api.get("/store/engagement/reward-schemes", ada)
      expect(schemes.reward_schemes).toEqual([
        {
          id: "SCHEME-OPEN",
          name: "Loyalty Scheme",
          description: "Lorem Ipsum",
          multiplier: null,
          signup_bonus: null,
          closed_loop: false,
          allowed_domains: [],
          joined: false,
        },
        {
          id: "SCHEME-CORP",
          name: "CRMdotCOM Scheme",
          description: "Staff",
          multiplier: null,
          signup_bonus: null,
          closed_loop: true,
          allowed_domains: [],
          joined: true,
        },
      ])

      // an order earns nothing in the local ledger: CRM.COM keeps the points
      const order = await placeOrder(api, seeded.store, {
        email: "ada@example.com",
        customerHeaders: ada.headers,
        items: [{ variant_id: seeded.store.products[0].variants[0].id, quantity: 1 }],
      })
      await new Promise((resolve) => setTimeout(resolve, 1000))
      expect(await loyalty().listLoyaltyTransactions({ order_id: order.id })).toHaveLength(0)
      expect(await loyalty().listLoyaltyAccounts({ customer_id: ada.customerId })).toHaveLength(0)

      // the routes that would change local points and that CRM.COM has no call for refuse, naming it, and change nothing
      const { data: cart } = await api.post("/store/carts", { region_id: seeded.store.regionId }, ada)
      const refusals = [
        await answerOf(api.post(`/store/carts/${cart.cart.id}/loyalty-points`, { points: 100 }, ada)),
        await answerOf(api.delete(`/store/carts/${cart.cart.id}/loyalty-points`, ada)),
        await answerOf(
          api.post(
            `/admin/engagement/contacts/${ada.customerId}/loyalty/block`,
            { reason: "fraud check" },
            seeded.admin
          )
        ),
        await answerOf(
          api.post(
            `/admin/engagement/contacts/${ada.customerId}/loyalty/adjustments`,
            { points: 100, reason: "goodwill" },
            seeded.admin
          )
        ),
      ]
      expect(refusals.map((answer) => [answer.status, answer.data.message])).toEqual(
        Array(4).fill([
          409,
          "loyalty: this store's points are kept by CRM.COM; they are spent and changed there, not in the store",
        ])
      )
      expect(await loyalty().listLoyaltyTransactions({ customer_id: ada.customerId })).toHaveLength(0)
      expect(await loyalty().listLoyaltySchemeMemberships({ customer_id: ada.customerId })).toHaveLength(0)
    })

    it("answers a 424 naming CRM.COM and what failed, never a 5xx, when it is down, and a 409 when the shopper is not on it yet", async () => {
      const bob = await syncedShopper("bob@example.com")
      giveRewards(crmcom, bob.contactId, { ...ADA_REWARDS, schemes: [] })
      // registered, but the contact sync has not run for them: no CRM.COM contact yet
      const early = await createCustomerSession(api, seeded.store, {
        email: "early@example.com",
        password: "secret-password",
        first_name: "E",
        last_name: "Arly",
      })
      const notYet = await answerOf(api.get("/store/engagement/loyalty", early))
      expect([notYet.status, notYet.data]).toEqual([409, NOT_SYNCED])
      await quiet()
      crmcom.failNext(1, {
        kind: "status",
        status: 503,
        body: { code: "SERVICE_UNAVAILABLE", message: "maintenance" },
        headers: { "Retry-After": "120" },
      })
      const unavailable = await answerOf(api.get("/store/engagement/loyalty", bob))
      expect([unavailable.status, unavailable.data]).toEqual([424, { ...down("accounts"), retry_after: 120 }])
      expect(unavailable.headers["retry-after"]).toBe("120")
      // a read asks for rewards and balances at once: let the other call of the failed read land
      // before the next fault is set, or it would take that fault instead
      await quiet()
      crmcom.failNext(1, { kind: "reset" })
      const reset = await answerOf(api.get(`/admin/engagement/contacts/${bob.customerId}/loyalty`, seeded.admin))
      expect(reset.status).toBe(424)
      expect(reset.data).toEqual(down(reset.data.failed))
      expect(["accounts", "rewards", "financials", "balances"]).toContain(reset.data.failed)
      await quiet()
      crmcom.failNext(1, { kind: "timeout" })
      const slow = await answerOf(api.get("/store/engagement/reward-schemes", bob))
      expect([slow.status, slow.data]).toEqual([424, down("reward schemes")])

      // back up: the answer comes, and a token CRM.COM no longer accepts is a 409, not an error
      expect((await api.get("/store/engagement/loyalty", bob)).data.loyalty).toMatchObject({ balance: 1250 })
      crmcom.expireTokens()
      const refused = await answerOf(api.get("/store/engagement/reward-schemes", bob))
      expect([refused.status, refused.data]).toEqual([409, NOT_SYNCED])
      expect(await loyalty().listLoyaltyAccounts({ customer_id: bob.customerId })).toHaveLength(0)
    })
  },
})
