import { createHash, createHmac } from "crypto"
import { Modules } from "@medusajs/framework/utils"
import { engagementSuite } from "../../helpers/suite"
import { signOutRewardSchemeWorkflow } from "../../../src/workflows/loyalty/workflows/sign-out-reward-scheme"
import { signUpRewardSchemeWorkflow } from "../../../src/workflows/loyalty/workflows/sign-up-reward-scheme"
import { loyaltyOf, loyaltyRowsOf, loyaltySummaryOf } from "../../helpers/engagement"
import { createAdminHeaders, createShopper, placeOrder, RequestConfig } from "../../helpers/store"
import { thenFail } from "../../helpers/fail-after"

jest.setTimeout(300_000)

// an open scheme that doubles earning with a 100-point welcome, and a closed-loop one for a company's staff
process.env.LOYALTY_OPTIONS = JSON.stringify({
  earn: { points_per_unit: { default: 1 } },
  schemes: {
    list: [
      { id: "double", name: "Double points", description: "Twice the points", multiplier: 2, signup_bonus: 100 },
      { id: "corp", name: "Example Corp staff", multiplier: 1.5, allowed_domains: ["example-corp.com"] },
    ],
    max_tries: 3,
  },
})

// the shipped workflows followed by a failing step: their compensation must put every record back
const signOutThenFail = thenFail("sign-out-reward-scheme", signOutRewardSchemeWorkflow)
const signUpThenFail = thenFail("sign-up-reward-scheme", signUpRewardSchemeWorkflow)

engagementSuite({
  testSuite: ({ api, getContainer }, seeded) => {
    const loyalty = () => loyaltyOf(getContainer())
    const shopper = (email: string) => createShopper(api, seeded.store, email)
    const post = (path: string, body: unknown, session: RequestConfig) =>
      api.post(path, body, session).catch((error: any) => error.response)
    const schemes = async (session: RequestConfig) =>
      (await api.get("/store/engagement/reward-schemes", session)).data.reward_schemes
    const joined = async (session: RequestConfig) =>
      Object.fromEntries(
        (await schemes(session)).map((scheme: { id: string; joined: boolean }) => [scheme.id, scheme.joined])
      )
    async function codeSentTo(email: string) {
      const sent = await getContainer()
        .resolve(Modules.NOTIFICATION)
        .listNotifications({ to: email, template: "engagement-scheme-verification" }, { order: { created_at: "DESC" } })
      return sent[0]?.data?.code as string
    }
    /** The order's earn row, and what the cart said it would earn before it was paid. */
    async function orderPoints(session: RequestConfig & { customerId: string }, email: string) {
      let earnable: number | undefined
      const order = await placeOrder(api, seeded.store, {
        email,
        customerHeaders: session.headers,
        items: [{ variant_id: seeded.store.products[0].variants[0].id, quantity: 1 }],
        beforePayment: async (cartId) => {
          earnable = (await api.get(`/store/carts/${cartId}/loyalty-points`, session)).data.loyalty.earnable
        },
      })
      const [row] = await loyaltyRowsOf(getContainer(), { order_id: order.id, type: "earn" })
      return { ...row, earnable }
    }

    it("joins an open scheme with its bonus once, earns with its multiplier, and leaves it", async () => {
      const ada = await shopper("ada@example.com")
      expect(await schemes(ada)).toEqual([
        {
          id: "double",
          name: "Double points",
          description: "Twice the points",
          multiplier: 2,
          signup_bonus: 100,
          closed_loop: false,
          allowed_domains: [],
          joined: false,
        },
        {
          id: "corp",
          name: "Example Corp staff",
          description: "",
          multiplier: 1.5,
          signup_bonus: 0,
          closed_loop: true,
          allowed_domains: ["example-corp.com"],
          joined: false,
        },
      ])
      const { data } = await api.post("/store/engagement/reward-schemes/double/sign-up", {}, ada)
      expect(data.reward_scheme).toMatchObject({ id: "double", joined: true })
      expect(await joined(ada)).toEqual({ double: true, corp: false })
      expect((await loyaltySummaryOf(api, ada)).balance).toBe(100)

      // 19.99 EUR × 1 point × 2 = 39
      const doubled = await orderPoints(ada, "ada@example.com")
      expect(doubled.points).toBe(39)
      // the cart announced what the order then earned, scheme included
      expect(doubled.earnable).toBe(39)
      expect(doubled.rate).toMatchObject({
        multiplier: 2,
        scheme_ids: ["double"],
        scheme_multiplier: 2,
        tier_multiplier: 1,
      })

      await api.post("/store/engagement/reward-schemes/double/sign-out", {}, ada)
      expect(await joined(ada)).toEqual({ double: false, corp: false })
      const plain = await orderPoints(ada, "ada@example.com")
      expect(plain.points).toBe(19)
      expect(plain.earnable).toBe(19)
      expect(plain.rate).toMatchObject({ multiplier: 1, scheme_ids: [] })

      // joining again gives no second bonus
      await api.post("/store/engagement/reward-schemes/double/sign-up", {}, ada)
      expect(
        await loyalty().listLoyaltyTransactions({ customer_id: ada.customerId, type: "scheme_bonus" })
      ).toHaveLength(1)
      expect((await loyaltySummaryOf(api, ada)).balance).toBe(100 + 39 + 19)
    })

    it("joins a closed-loop scheme only with an address in its domain and the code sent there", async () => {
      const ada = await shopper("ada@example.com")
      const wrongDomain = await post(
        "/store/engagement/reward-schemes/corp/sign-up",
        { email: "ada@example-corp.com.evil.io" },
        ada
      )
      expect(wrongDomain.status).toBe(400)
      expect(wrongDomain.data.message).toContain("email")
      const noEmail = await post("/store/engagement/reward-schemes/corp/sign-up", {}, ada)
      expect(noEmail.status).toBe(400)
      expect(await codeSentTo("ada@example-corp.com.evil.io")).toBeUndefined()

      const { data: started } = await api.post(
        "/store/engagement/reward-schemes/corp/sign-up",
        { email: "Ada@Example-Corp.com" },
        ada
      )
      expect(started.reward_scheme.joined).toBe(false)
      expect(started.verification).toMatchObject({ email: "ada@example-corp.com" })
      const code = await codeSentTo("ada@example-corp.com")
      expect(code).toMatch(/^\d{6}$/)
      // the code is stored only as an HMAC with the server's secret: a dump without the secret cannot be tried offline
      const [row] = await loyalty().listLoyaltySchemeVerifications({ customer_id: ada.customerId })
      expect(row.code_hash).not.toContain(code)
      expect(row.code_hash).toBe(
        createHmac("sha256", process.env.LOYALTY_CODE_SECRET!).update(`${row.id}:${code}`).digest("hex")
      )
      expect(row.code_hash).not.toBe(createHash("sha256").update(`${row.id}:${code}`).digest("hex"))

      const wrong = await post(
        "/store/engagement/reward-schemes/corp/verify",
        { code: code === "000000" ? "111111" : "000000" },
        ada
      )
      expect(wrong.status).toBe(400)
      expect(wrong.data).toMatchObject({ reason: "wrong_code", tries_left: 2 })
      expect(await joined(ada)).toEqual({ double: false, corp: false })

      const right = await post("/store/engagement/reward-schemes/corp/verify", { code }, ada)
      expect(right.status).toBe(200)
      expect(right.data.reward_scheme).toMatchObject({ id: "corp", joined: true })
      const [membership] = await loyalty().listLoyaltySchemeMemberships({ customer_id: ada.customerId })
      expect(membership).toMatchObject({ scheme_id: "corp", email: "ada@example-corp.com" })
      // the admin's customer summary lists the scheme joined, with the verified address
      const admin = await createAdminHeaders(getContainer())
      const { data: asAdmin } = await api.get(`/admin/engagement/contacts/${ada.customerId}/loyalty`, admin)
      expect(asAdmin.loyalty.schemes).toEqual([
        { id: "corp", name: "Example Corp staff", email: "ada@example-corp.com", joined_at: expect.any(String) },
      ])
      // single use
      expect((await post("/store/engagement/reward-schemes/corp/verify", { code }, ada)).data.reason).toBe("no_code")
      expect((await orderPoints(ada, "ada@example.com")).rate).toMatchObject({ scheme_multiplier: 1.5 })
      // signing up again as a member sends no new code
      const { data: again } = await api.post(
        "/store/engagement/reward-schemes/corp/sign-up",
        { email: "ada@example-corp.com" },
        ada
      )
      expect(again).toMatchObject({ reward_scheme: { joined: true }, verification: null })
      const sent = await getContainer()
        .resolve(Modules.NOTIFICATION)
        .listNotifications({ template: "engagement-scheme-verification" })
      expect(sent).toHaveLength(1)
    })

    it("refuses an expired code and, after the allowed tries, even the right one", async () => {
      const ada = await shopper("ada@example.com")
      await api.post("/store/engagement/reward-schemes/corp/sign-up", { email: "ada@example-corp.com" }, ada)
      const code = await codeSentTo("ada@example-corp.com")
      const [row] = await loyalty().listLoyaltySchemeVerifications({ customer_id: ada.customerId })
      // the code's time passes
      await loyalty().updateLoyaltySchemeVerifications({ id: row.id, expires_at: new Date(Date.now() - 1000) })
      const expired = await post("/store/engagement/reward-schemes/corp/verify", { code }, ada)
      expect(expired.status).toBe(400)
      expect(expired.data.reason).toBe("expired")

      const bob = await shopper("bob@example.com")
      await api.post("/store/engagement/reward-schemes/corp/sign-up", { email: "bob@example-corp.com" }, bob)
      const bobCode = await codeSentTo("bob@example-corp.com")
      const other = bobCode === "000000" ? "111111" : "000000"
      for (const left of [2, 1, 0]) {
        expect((await post("/store/engagement/reward-schemes/corp/verify", { code: other }, bob)).data).toMatchObject({
          reason: "wrong_code",
          tries_left: left,
        })
      }
      const locked = await post("/store/engagement/reward-schemes/corp/verify", { code: bobCode }, bob)
      expect(locked.status).toBe(400)
      expect(locked.data.reason).toBe("too_many_tries")
      expect(await loyalty().listLoyaltySchemeMemberships({})).toHaveLength(0)
    })

    it("counts tries per shopper and scheme across new codes, sends an address at most 3 codes an hour, and says when to come back", async () => {
      const ada = await shopper("ada@example.com")
      const signUp = (session: RequestConfig, email: string) =>
        post("/store/engagement/reward-schemes/corp/sign-up", { email }, session)
      const verify = (session: RequestConfig, code: string) =>
        post("/store/engagement/reward-schemes/corp/verify", { code }, session)
      const wrongFor = (code: string) => (code === "000000" ? "111111" : "000000")
      const expectRetryLater = (
        answer: { status: number; headers: Record<string, string>; data: any },
        reason: string
      ) => {
        expect([answer.status, answer.data.reason, answer.data.code]).toEqual([429, reason, reason])
        const seconds = Number(answer.headers["retry-after"])
        expect(seconds).toBeGreaterThan(0)
        expect(seconds).toBeLessThanOrEqual(3600)
        expect(answer.data.message).toContain(`try again after ${answer.data.retry_at}`)
      }

      // 3 wrong tries use up the first code; signing up again sends a new one, but not 5 new tries
      expect((await signUp(ada, "ada@example-corp.com")).status).toBe(200)
      const first = await codeSentTo("ada@example-corp.com")
      for (let i = 0; i < 3; i++) {
        expect((await verify(ada, wrongFor(first))).data.reason).toBe("wrong_code")
      }
      expect((await signUp(ada, "ada@example-corp.com")).status).toBe(200)
      const second = await codeSentTo("ada@example-corp.com")
      for (let i = 0; i < 2; i++) {
        expect((await verify(ada, wrongFor(second))).data.reason).toBe("wrong_code")
      }
      // 5 tries in the hour: even the right code waits, and so does a new sign-up (no code sent)
      expectRetryLater(await verify(ada, second), "rate_limited")
      expectRetryLater(await signUp(ada, "ada@example-corp.com"), "too_many_tries")
      expect(await joined(ada)).toEqual({ double: false, corp: false })

      // the address: a third code this hour, whoever asks, then no more
      const bob = await shopper("bob@example.com")
      expect((await signUp(bob, "ada@example-corp.com")).status).toBe(200)
      const carol = await shopper("carol@example.com")
      const fourth = await signUp(carol, "Ada@Example-Corp.com")
      expectRetryLater(fourth, "too_many_codes")
      expect(fourth.data.message).toContain("email:")
      const sent = await getContainer()
        .resolve(Modules.NOTIFICATION)
        .listNotifications({ to: "ada@example-corp.com", template: "engagement-scheme-verification" })
      expect(sent).toHaveLength(3)

      // an hour later Ada may try again, with a new code
      const attempts = await loyalty().listLoyaltySchemeAttempts({})
      await loyalty().updateLoyaltySchemeAttempts(
        attempts.map((attempt) => ({ id: attempt.id, created_at: new Date(Date.now() - 3_600_000 - 1000) }))
      )
      expect((await signUp(ada, "ada@example-corp.com")).status).toBe(200)
      expect((await verify(ada, await codeSentTo("ada@example-corp.com"))).status).toBe(200)
      expect(await joined(ada)).toEqual({ double: false, corp: true })
    })

    it("puts every membership and verification back when a later step fails", async () => {
      const ada = await shopper("ada@example.com")
      await api.post("/store/engagement/reward-schemes/double/sign-up", {}, ada)
      const before = await loyalty().listLoyaltySchemeMemberships({ customer_id: ada.customerId })
      const signedOut = await signOutThenFail(getContainer()).run({
        input: { customer_id: ada.customerId, scheme_id: "double" },
        throwOnError: false,
      })
      expect(signedOut.errors.map((error) => error.error.message)).toEqual(["a later step failed"])
      const after = await loyalty().listLoyaltySchemeMemberships({ customer_id: ada.customerId })
      const strip = (rows: any[]) => rows.map(({ updated_at, ...fields }) => JSON.parse(JSON.stringify(fields)))
      expect(strip(after)).toEqual(strip(before))

      const signedUp = await signUpThenFail(getContainer()).run({
        input: { customer_id: ada.customerId, scheme_id: "corp", email: "ada@example-corp.com" },
        throwOnError: false,
      })
      expect(signedUp.errors.map((error) => error.error.message)).toEqual(["a later step failed"])
      expect(await loyalty().listLoyaltySchemeVerifications({ customer_id: ada.customerId })).toHaveLength(0)
      expect(
        await loyalty().listLoyaltySchemeMemberships({ customer_id: ada.customerId, scheme_id: "corp" })
      ).toHaveLength(0)
    })

    it("answers an unknown scheme with 404, bad input with a 400 naming the field, a guest with 401", async () => {
      const ada = await shopper("ada@example.com")
      expect((await post("/store/engagement/reward-schemes/nope/sign-up", {}, ada)).status).toBe(404)
      const badCode = await post("/store/engagement/reward-schemes/corp/verify", { code: "12a456" }, ada)
      expect(badCode.status).toBe(400)
      expect(badCode.data.message).toContain("code")
      const extra = await post("/store/engagement/reward-schemes/double/sign-up", { customer_id: "cus_other" }, ada)
      expect(extra.status).toBe(400)
      expect(
        (
          await post(
            "/store/engagement/reward-schemes/double/sign-up",
            {},
            { headers: { "x-publishable-api-key": seeded.store.publishableKey } }
          )
        ).status
      ).toBe(401)
      expect(await loyalty().listLoyaltySchemeMemberships({})).toHaveLength(0)
    })
  },
})
