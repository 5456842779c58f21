import { Modules } from "@medusajs/framework/utils"
import { engagementSuite } from "../../helpers/suite"
import { claimReferralWorkflow } from "../../../src/workflows/loyalty/workflows/claim-referral"
import { sendReferralInvitationsWorkflow } from "../../../src/workflows/loyalty/workflows/send-referral-invitations"
import { loyaltyOf, loyaltySummaryOf } from "../../helpers/engagement"
import { eventually } from "../../helpers/stand-ins"
import { createShopper, placeOrder, RequestConfig } from "../../helpers/store"
import { thenFail } from "../../helpers/fail-after"
import { backfillReferralCodes } from "../../../src/scripts/backfill-referral-codes"

jest.setTimeout(180_000)

// referral points are pending for 14 days, like earned points; two accepted claims per advocate a day
process.env.LOYALTY_OPTIONS = JSON.stringify({
  earn: { points_per_unit: { default: 1 }, pending_days: 14 },
  referrals: { advocate_points: 300, referee_points: 150, max_claims_per_day: 2 },
})

// the shipped workflows followed by a failing step: their compensation must put every record back
const claimThenFail = thenFail("claim-referral", claimReferralWorkflow)
const inviteThenFail = thenFail("send-referral-invitations", sendReferralInvitationsWorkflow)

engagementSuite({
  admin: true,
  testSuite: ({ api, getContainer }, seeded) => {
    const loyalty = () => loyaltyOf(getContainer())
    const shopper = (email: string) => createShopper(api, seeded.store, email)
    const variant = () => seeded.store.products[0].variants[0].id
    // the code is made on `customer.created` (a subscriber): read until it is there
    const referralOf = (session: RequestConfig) =>
      eventually(async () => {
        const { data } = await api.get("/store/engagement/referral", session)
        return data.referral.code ? data : undefined
      })
    const codeOf = async (session: RequestConfig) => (await referralOf(session)).referral.code
    const claim = (session: RequestConfig, code: string) =>
      api.post("/store/engagement/referral/claim", { code }, session).catch((error: any) => error.response)
    const referralPoints = (customerId: string) =>
      loyalty().listLoyaltyTransactions({ customer_id: customerId, type: "referral" })
    async function awaitReferralPoints(customerId: string) {
      return await eventually(async () => {
        const rows = await referralPoints(customerId)
        return rows.length ? rows : undefined
      })
    }

    it("reads the code made on customer.created, never makes one on a GET, and the backfill gives earlier customers theirs", async () => {
      const ada = await shopper("ada@example.com")
      const code = await codeOf(ada)
      expect(await loyalty().listLoyaltyReferralCodes({ customer_id: ada.customerId })).toEqual([
        expect.objectContaining({ code }),
      ])

      // a customer from before the subscriber existed: the GET answers no code and writes nothing
      const [made] = await loyalty().listLoyaltyReferralCodes({ customer_id: ada.customerId })
      await loyalty().deleteLoyaltyReferralCodes(made.id)
      const { data } = await api.get("/store/engagement/referral", ada)
      expect(data.referral).toEqual({ code: null, url: null, invited: 0, joined: 0, rewarded: 0 })
      expect(await loyalty().listLoyaltyReferralCodes({ customer_id: ada.customerId })).toHaveLength(0)

      const first = await backfillReferralCodes(getContainer())
      expect(first).toEqual({ seen: 1, created: 1 })
      const second = await backfillReferralCodes(getContainer())
      expect(second).toEqual({ seen: 1, created: 0 })
      expect(await codeOf(ada)).toMatch(/^[A-Z0-9]{8}$/)
      expect(await loyalty().listLoyaltyReferralCodes({ customer_id: ada.customerId })).toHaveLength(1)
    })

    it("awards the advocate and the referee once, pending, on the referee's first order only", async () => {
      const ada = await shopper("ada@example.com")
      const mine = await referralOf(ada)
      expect(mine.referral).toEqual({
        code: expect.stringMatching(/^[A-Z0-9]{8}$/),
        url: `http://localhost:8000/?referral=${mine.referral.code}`,
        invited: 0,
        joined: 0,
        rewarded: 0,
      })
      // the same code on every read
      expect(await codeOf(ada)).toBe(mine.referral.code)

      const bob = await shopper("bob@example.com")
      const claimed = await claim(bob, mine.referral.code.toLowerCase())
      expect(claimed.status).toBe(200)
      expect(claimed.data.referral).toMatchObject({ status: "claimed", refusal_reason: null })

      const first = await placeOrder(api, seeded.store, {
        email: "bob@example.com",
        customerHeaders: bob.headers,
        items: [{ variant_id: variant(), quantity: 1 }],
      })
      const bobRows = await awaitReferralPoints(bob.customerId)
      const adaRows = await awaitReferralPoints(ada.customerId)
      expect(bobRows.map((row) => [row.points, row.order_id, row.lot_state])).toEqual([[150, first.id, "pending"]])
      expect(adaRows.map((row) => [row.points, row.order_id, row.lot_state])).toEqual([[300, first.id, "pending"]])
      expect(await loyaltySummaryOf(api, ada)).toMatchObject({ balance: 0, pending: 300 })

      // order.placed again, then a second order: nothing more
      await getContainer()
        .resolve(Modules.EVENT_BUS)
        .emit({ name: "order.placed", data: { id: first.id } })
      const second = await placeOrder(api, seeded.store, {
        email: "bob@example.com",
        customerHeaders: bob.headers,
        items: [{ variant_id: variant(), quantity: 1 }],
      })
      await eventually(async () =>
        (await loyalty().listLoyaltyTransactions({ order_id: second.id })).length ? true : undefined
      )
      await new Promise((resolve) => setTimeout(resolve, 500))
      expect(await referralPoints(bob.customerId)).toHaveLength(1)
      expect(await referralPoints(ada.customerId)).toHaveLength(1)
      expect((await api.get("/store/engagement/referral", ada)).data.referral).toMatchObject({ joined: 1, rewarded: 1 })
      expect(await loyalty().verifyLedger()).toEqual([])

      // the admin sees the referral on both customers: made by Ada, received by Bob
      const awarded = {
        code: mine.referral.code,
        advocate_customer_id: ada.customerId,
        referee_customer_id: bob.customerId,
        referee_email: "bob@example.com",
        status: "awarded",
        order_id: first.id,
      }
      const { data: adasPage } = await api.get(`/admin/engagement/contacts/${ada.customerId}/loyalty`, seeded.admin)
      expect(adasPage.loyalty.referrals).toEqual({
        made: [expect.objectContaining(awarded)],
        made_count: 1,
        received: null,
      })
      const { data: bobsPage } = await api.get(`/admin/engagement/contacts/${bob.customerId}/loyalty`, seeded.admin)
      expect(bobsPage.loyalty.referrals).toEqual({
        made: [],
        made_count: 0,
        received: expect.objectContaining(awarded),
      })
      expect(bobsPage.loyalty.schemes).toEqual([])
    })

    it("refuses self-referral, the advocate's dotted/+tag address, an earlier customer, a second claim and the daily cap, recording each reason", async () => {
      const ada = await shopper("ada@example.com")
      const code = await codeOf(ada)

      const own = await claim(ada, code)
      expect(own.status).toBe(400)
      expect(own.data.referral).toMatchObject({ status: "refused", refusal_reason: "self_referral" })

      const variantOfAda = await shopper("A.da+friends@Example.com")
      expect((await claim(variantOfAda, code)).data.referral.refusal_reason).toBe("self_referral")

      // carol checked out as a guest before she registered
      await placeOrder(api, seeded.store, {
        email: "carol@example.com",
        items: [{ variant_id: variant(), quantity: 1 }],
      })
      const carol = await shopper("carol@example.com")
      expect((await claim(carol, code)).data.referral.refusal_reason).toBe("already_customer")

      const bob = await shopper("bob@example.com")
      expect((await claim(bob, code)).status).toBe(200)
      const again = await claim(bob, code)
      expect(again.status).toBe(400)
      expect(again.data.referral.refusal_reason).toBe("already_claimed")

      const dave = await shopper("dave@example.com")
      expect((await claim(dave, code)).status).toBe(200)
      const erin = await shopper("erin@example.com")
      const capped = await claim(erin, code)
      expect(capped.status).toBe(400)
      expect(capped.data.message).toContain("daily_cap")

      const refused = await loyalty().listLoyaltyReferrals({ status: "refused" }, { order: { created_at: "ASC" } })
      expect(refused.map((row) => [row.referee_customer_id, row.refusal_reason])).toEqual([
        [ada.customerId, "self_referral"],
        [variantOfAda.customerId, "self_referral"],
        [carol.customerId, "already_customer"],
        [bob.customerId, "already_claimed"],
        [erin.customerId, "daily_cap"],
      ])
      expect(await loyalty().listLoyaltyReferrals({ status: "claimed" })).toHaveLength(2)
      expect((await api.get("/store/engagement/referral", ada)).data.referral).toMatchObject({ joined: 2, rewarded: 0 })
    })

    it("refuses a circular claim (circular_referral): the code's owner was referred by the claimant, directly or through a chain", async () => {
      const ada = await shopper("ada@example.com")
      const bob = await shopper("bob@example.com")
      const carol = await shopper("carol@example.com")
      expect((await claim(bob, await codeOf(ada))).status).toBe(200)

      // Ada (no order yet) claims Bob's code, whom she referred: her first order would pay both sides twice
      const direct = await claim(ada, await codeOf(bob))
      expect([direct.status, direct.data.code, direct.data.referral]).toEqual([
        400,
        "circular_referral",
        expect.objectContaining({ status: "refused", refusal_reason: "circular_referral" }),
      ])

      // Ada → Bob → Carol, then Ada claims Carol's code: a circle of three
      expect((await claim(carol, await codeOf(bob))).status).toBe(200)
      const chain = await claim(ada, await codeOf(carol))
      expect([chain.status, chain.data.code]).toEqual([400, "circular_referral"])
      expect(chain.data.message).toContain("circular_referral")

      // nothing accepted for Ada; a stranger may still claim Carol's code
      expect(
        await loyalty().listLoyaltyReferrals({ referee_customer_id: ada.customerId, status: { $ne: "refused" } })
      ).toHaveLength(0)
      const dave = await shopper("dave@example.com")
      expect((await claim(dave, await codeOf(carol))).status).toBe(200)
    })

    it("claims a code the storefront put in the first order's cart metadata and awards both sides once", async () => {
      const ada = await shopper("ada@example.com")
      const code = await codeOf(ada)
      const bob = await shopper("bob@example.com")
      const order = await placeOrder(api, seeded.store, {
        email: "bob@example.com",
        customerHeaders: bob.headers,
        items: [{ variant_id: variant(), quantity: 1 }],
        cartMetadata: { referral_code: code.toLowerCase() },
      })
      expect((await awaitReferralPoints(ada.customerId)).map((row) => [row.points, row.order_id])).toEqual([
        [300, order.id],
      ])
      expect((await awaitReferralPoints(bob.customerId)).map((row) => row.points)).toEqual([150])
      const referrals = await loyalty().listLoyaltyReferrals({ referee_customer_id: bob.customerId })
      expect(referrals.map((row) => [row.status, row.order_id])).toEqual([["awarded", order.id]])

      // the advocate's own code in their own cart is refused, and awards nothing
      const own = await placeOrder(api, seeded.store, {
        email: "ada@example.com",
        customerHeaders: ada.headers,
        items: [{ variant_id: variant(), quantity: 1 }],
        cartMetadata: { referral_code: code },
      })
      const refused = await eventually(async () => {
        const rows = await loyalty().listLoyaltyReferrals({ referee_customer_id: ada.customerId })
        return rows.length ? rows : undefined
      })
      expect(refused.map((row) => [row.status, row.refusal_reason])).toEqual([["refused", "self_referral"]])
      expect(await loyalty().listLoyaltyTransactions({ order_id: own.id, type: "referral" })).toHaveLength(0)
    })

    it("accepts one of 20 concurrent claims of the same referee", async () => {
      const ada = await shopper("ada@example.com")
      const code = await codeOf(ada)
      const bob = await shopper("bob@example.com")
      const answers = await Promise.all(Array.from({ length: 20 }, () => claim(bob, code)))
      expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1)
      expect(answers.filter((answer) => answer.status === 400)).toHaveLength(19)
      expect(
        await loyalty().listLoyaltyReferrals({ referee_customer_id: bob.customerId, status: { $ne: "refused" } })
      ).toHaveLength(1)
    })

    it("takes both sides' points back when the referee's first order is canceled", async () => {
      const ada = await shopper("ada@example.com")
      const bob = await shopper("bob@example.com")
      expect((await claim(bob, await codeOf(ada))).status).toBe(200)
      const order = await placeOrder(api, seeded.store, {
        email: "bob@example.com",
        customerHeaders: bob.headers,
        items: [{ variant_id: variant(), quantity: 1 }],
      })
      await awaitReferralPoints(ada.customerId)

      await api.post(`/admin/orders/${order.id}/cancel`, {}, seeded.admin)
      await getContainer()
        .resolve(Modules.EVENT_BUS)
        .emit({ name: "order.canceled", data: { id: order.id } })
      const summary = await eventually(async () => {
        const current = await loyaltySummaryOf(api, ada)
        return current.pending === 0 ? current : undefined
      })
      expect(summary).toMatchObject({ balance: 0, pending: 0, debt: 0 })
      expect(await loyaltySummaryOf(api, bob)).toMatchObject({ balance: 0, pending: 0 })
      const [referral] = await loyalty().listLoyaltyReferrals({ referee_customer_id: bob.customerId })
      expect(referral).toMatchObject({ status: "reversed", order_id: order.id })
      expect((await api.get("/store/engagement/referral", ada)).data.referral).toMatchObject({ joined: 1, rewarded: 0 })
      expect(await loyalty().verifyLedger()).toEqual([])
    })

    it("sends invitations through notifications, never to an address that unsubscribed, once per address", async () => {
      const ada = await shopper("ada@example.com")
      const unsubscribed = await shopper("gone@example.com")
      await api.post(
        "/store/engagement/consents",
        {
          consents: [
            { purpose: "email_marketing", value: "False", wording: "No newsletter", info: { where: "account" } },
          ],
        },
        unsubscribed
      )
      const { data } = await api.post(
        "/store/engagement/referral/invitations",
        { emails: ["friend@example.com", "gone@example.com", "Friend@example.com"] },
        ada
      )
      expect(data.invitations).toEqual([
        { email: "gone@example.com", status: "skipped", reason: "unsubscribed" },
        { email: "friend@example.com", status: "sent", reason: null },
      ])
      const notifications = getContainer().resolve(Modules.NOTIFICATION)
      const sent = await notifications.listNotifications({ template: "engagement-referral-invitation" })
      expect(sent.map((notification) => notification.to)).toEqual(["friend@example.com"])
      expect(sent[0].data).toMatchObject({ referral_code: await codeOf(ada) })

      const { data: twice } = await api.post(
        "/store/engagement/referral/invitations",
        { emails: ["friend@example.com"] },
        ada
      )
      expect(twice.invitations).toEqual([{ email: "friend@example.com", status: "skipped", reason: "already_invited" }])
      expect(await notifications.listNotifications({ template: "engagement-referral-invitation" })).toHaveLength(1)
      expect((await api.get("/store/engagement/referral", ada)).data.referral.invited).toBe(1)
    })

    it("leaves no claim and no invitation behind when a later step fails", async () => {
      const ada = await shopper("ada@example.com")
      const bob = await shopper("bob@example.com")
      const claimed = await claimThenFail(getContainer()).run({
        input: { code: await codeOf(ada), customer_id: bob.customerId },
        throwOnError: false,
      })
      expect(claimed.errors.map((error) => error.error.message)).toEqual(["a later step failed"])
      expect(await loyalty().listLoyaltyReferrals({})).toHaveLength(0)
      // the claim can be made afterwards
      expect((await claim(bob, await codeOf(ada))).status).toBe(200)

      const invited = await inviteThenFail(getContainer()).run({
        input: { customer_id: ada.customerId, emails: ["friend@example.com"] },
        throwOnError: false,
      })
      expect(invited.errors.map((error) => error.error.message)).toEqual(["a later step failed"])
      expect(await loyalty().listLoyaltyReferralInvitations({})).toHaveLength(0)
      expect((await api.get("/store/engagement/referral", ada)).data.referral.invited).toBe(0)
    })

    it("answers bad input with a 400 naming the field, an unknown code with 404, and a guest with 401", async () => {
      const bob = await shopper("bob@example.com")
      const unknownField = await api
        .post("/store/engagement/referral/claim", { code: "ABC", customer_id: "cus_x" }, bob)
        .catch((e: any) => e.response)
      expect(unknownField.status).toBe(400)
      const nul = await claim(bob, "AB\u0000C")
      expect(nul.status).toBe(400)
      expect(nul.data.message).toContain("code")
      expect((await claim(bob, "NOSUCHCODE")).status).toBe(404)
      const tooMany = await api
        .post(
          "/store/engagement/referral/invitations",
          { emails: Array.from({ length: 11 }, (_, i) => `f${i}@example.com`) },
          bob
        )
        .catch((e: any) => e.response)
      expect(tooMany.status).toBe(400)
      expect(tooMany.data.message).toContain("emails")
      const guest = await api
        .post(
          "/store/engagement/referral/claim",
          { code: "ABC" },
          { headers: { "x-publishable-api-key": seeded.store.publishableKey } }
        )
        .catch((e: any) => e.response)
      expect(guest.status).toBe(401)
      expect(await loyalty().listLoyaltyReferrals({})).toHaveLength(0)
    })
  },
})
