import { engagementSuite } from "../../helpers/suite"
import { confirmationEmailsTo, consentLedgerOf, engagementOf } from "../../helpers/engagement"
import { responseOf } from "../../helpers/http"
import { rowsTouched } from "../../helpers/query-plans"
import type { Knex } from "knex"
import { CURRENT_CONSENTS_SQL } from "../../../src/modules/engagement/consents/queries"

jest.setTimeout(180_000)

/** The consent ledger through the store route: every change a row with its proof, bad input refused, concurrent requests written once. */
engagementSuite({
  shopper: "ada@example.com",
  testSuite: ({ api, getContainer, dbConnection }, seeded) => {
    const ledgerOf = (customerId: string) => consentLedgerOf(getContainer(), customerId)

    const confirmationEmails = (to = "ada@example.com") => confirmationEmailsTo(getContainer(), to)
    const tokenOf = (email: { data?: Record<string, unknown> | null }) =>
      new URL(String(email.data!.confirm_url)).searchParams.get("token")!
    const pk = () => ({ headers: { "x-publishable-api-key": seeded.store.publishableKey } })

    it("keeps every change as a ledger row with source and proof; the latest row is the current value", async () => {
      const initial = await api.get("/store/engagement/consents", seeded.shopper)
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
        { headers: { ...seeded.shopper.headers, "user-agent": "jest-shopper" } }
      )
      const after = await api.post(
        "/store/engagement/consents",
        { consents: [{ purpose: "email_marketing", value: "False" }] },
        seeded.shopper
      )
      expect(after.data.consents[0]).toEqual(
        expect.objectContaining({ purpose: "email_marketing", value: "False", source: "storefront" })
      )

      const ledger = await ledgerOf(seeded.shopper.customerId)
      expect(ledger.map((row) => row.value)).toEqual(["True", "False"])
      expect(ledger[0]).toEqual(
        expect.objectContaining({
          purpose: "email_marketing",
          channel: "email",
          source: "storefront",
          actor_type: "customer",
          actor_id: seeded.shopper.customerId,
          user_agent: "jest-shopper",
          wording: "Newsletter v3",
          info: { where: "account page" },
          ip: expect.any(String),
        })
      )
    })

    it("answers 401 without a signed-in shopper and 400 naming the field for bad bodies, changing nothing", async () => {
      const pk = { headers: { "x-publishable-api-key": seeded.store.publishableKey } }
      expect((await responseOf(api.get("/store/engagement/consents", pk))).status).toBe(401)
      expect((await responseOf(api.post("/store/engagement/consents", { consents: [] }, pk))).status).toBe(401)

      const badValue = await responseOf(
        api.post(
          "/store/engagement/consents",
          { consents: [{ purpose: "email_marketing", value: "Maybe" }] },
          seeded.shopper
        )
      )
      expect(badValue.status).toBe(400)
      expect(badValue.data.message).toContain("value")

      const unknown = await responseOf(
        api.post("/store/engagement/consents", { consents: [{ purpose: "telepathy", value: "True" }] }, seeded.shopper)
      )
      expect(unknown.status).toBe(400)
      expect(unknown.data.message).toContain("telepathy")

      const extra = await responseOf(
        api.post(
          "/store/engagement/consents",
          { consents: [{ purpose: "email_marketing", value: "True" }], customer_id: "cus_other" },
          seeded.shopper
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
          seeded.shopper
        )
      )
      expect(twice.status).toBe(400)
      expect(twice.data.message).toContain("email_marketing")
      expect(await ledgerOf(seeded.shopper.customerId)).toEqual([])
    })

    it("never lets a grant skip a pending double opt-in: True over AwaitingConfirmation waits for the link", async () => {
      await api.post(
        "/store/engagement/consents",
        { consents: [{ purpose: "sms_marketing", value: "AwaitingConfirmation" }] },
        seeded.shopper
      )
      const after = await api.post(
        "/store/engagement/consents",
        { consents: [{ purpose: "sms_marketing", value: "True" }] },
        seeded.shopper
      )
      expect(after.data.consents[1]).toEqual(
        expect.objectContaining({ purpose: "sms_marketing", value: "AwaitingConfirmation" })
      )
      expect((await ledgerOf(seeded.shopper.customerId)).map((row) => row.value)).toEqual(["AwaitingConfirmation"])
    })

    it("twenty identical requests at once write one ledger row and send one confirmation email", async () => {
      const fire = (consents: unknown[]) =>
        Promise.all(
          Array.from({ length: 20 }, () => api.post("/store/engagement/consents", { consents }, seeded.shopper))
        )
      await fire([{ purpose: "email_marketing", value: "AwaitingConfirmation", wording: "Newsletter v3" }])
      await fire([{ purpose: "review_requests", value: "True" }])

      const ledger = await ledgerOf(seeded.shopper.customerId)
      expect(ledger.map((row) => [row.purpose, row.value])).toEqual([
        ["email_marketing", "AwaitingConfirmation"],
        ["review_requests", "True"],
      ])
      expect(await confirmationEmails()).toHaveLength(1)
      expect(
        await engagementOf(getContainer()).listConsentConfirmations({ customer_id: seeded.shopper.customerId })
      ).toHaveLength(1)
    })

    it("re-sends a pending confirmation at most once per window, however many repeats arrive at once", async () => {
      await api.post(
        "/store/engagement/consents",
        { consents: [{ purpose: "email_marketing", value: "AwaitingConfirmation" }] },
        seeded.shopper
      )
      const engagement = engagementOf(getContainer())
      const [pending] = await ledgerOf(seeded.shopper.customerId)
      // the resend window (10 minutes) has passed since the request
      await engagement.updateConsents({ id: pending.id, recorded_at: new Date(Date.now() - 11 * 60_000) })

      await Promise.all(
        Array.from({ length: 20 }, () =>
          api.post(
            "/store/engagement/consents",
            { consents: [{ purpose: "email_marketing", value: "AwaitingConfirmation" }] },
            seeded.shopper
          )
        )
      )
      const emails = await confirmationEmails()
      expect(emails).toHaveLength(2)
      expect(await ledgerOf(seeded.shopper.customerId)).toHaveLength(1)
      // both links confirm the same, still pending, request: the first one used wins, the other is then stale
      expect(
        (await api.post("/store/engagement/consents/confirm", { token: tokenOf(emails[1]) }, pk())).data.value
      ).toBe("True")
      expect(
        (await responseOf(api.post("/store/engagement/consents/confirm", { token: tokenOf(emails[0]) }, pk()))).status
      ).toBe(409)
    })

    it("reads the current consents from one index entry per purpose, however long the history of any purpose", async () => {
      const knex = dbConnection as Knex
      const customerId = seeded.shopper.customerId
      // 3,000 recent changes of one purpose, and another purpose chosen once, long before them
      await knex.raw(
        `INSERT INTO engagement_consent (id, customer_id, purpose, channel, value, source, recorded_at, actor_type, actor_id)
         SELECT 'engcon_history_' || o, ?, 'sms_marketing', 'sms', CASE WHEN o % 2 = 0 THEN 'True' ELSE 'False' END,
                'storefront', now() - (o || ' minutes')::interval, 'customer', ?
           FROM generate_series(1, 3000) o
         UNION ALL
         SELECT 'engcon_history_old', ?, 'email_marketing', 'email', 'True', 'storefront',
                now() - interval '3 years', 'customer', ?`,
        [customerId, customerId, customerId, customerId]
      )
      await knex.raw("ANALYZE engagement_consent")
      const { data } = await api.get("/store/engagement/consents", seeded.shopper)
      expect(data.consents).toEqual([
        expect.objectContaining({ purpose: "email_marketing", value: "True" }),
        // the newest change, 1 minute ago (an odd number: False)
        expect.objectContaining({ purpose: "sms_marketing", value: "False" }),
        expect.objectContaining({ purpose: "review_requests", value: null }),
      ])
      // every row the plan's nodes read or threw away: a handful, not the 3,000 of the history
      const [
        {
          "QUERY PLAN": [plan],
        },
      ] = (
        await knex.raw(`EXPLAIN (ANALYZE, FORMAT JSON) ${CURRENT_CONSENTS_SQL}`, [customerId, customerId, customerId])
      ).rows
      expect(rowsTouched(plan.Plan)).toBeLessThan(50)
    })
  },
})
