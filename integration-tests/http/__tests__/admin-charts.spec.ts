import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { engagementOf, loyaltyOf } from "../../helpers/engagement"
import { responseOf } from "../../helpers/http"
import { useTestPlatforms } from "../../helpers/stand-ins"
import { engagementSuite } from "../../helpers/suite"

jest.setTimeout(180_000)

// Silver from 100 points, Gold (nobody there) from 5000
process.env.LOYALTY_OPTIONS = JSON.stringify({
  earn: { points_per_unit: { default: 2 }, pending_days: 0 },
  tiers: {
    basis: "lifetime",
    levels: [
      { id: "silver", name: "Silver", threshold: 100, multiplier: 1.5 },
      { id: "gold", name: "Gold", threshold: 5000, multiplier: 2 },
    ],
  },
})

useTestPlatforms()

const WEEK_MS = 7 * 24 * 3_600_000

/** The Monday (UTC) of the week `ago` weeks before this one, as the charts label it. */
function weekLabel(ago: number): string {
  const today = new Date()
  const monday =
    Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) -
    ((today.getUTCDay() + 6) % 7) * 86_400_000
  return new Date(monday - ago * WEEK_MS).toISOString().slice(0, 10)
}

/** The start of the week `ago` weeks back (Monday 00:00 UTC). */
const inWeek = (ago: number) => `${weekLabel(ago)}T00:00:00Z`

/** Twelve zero weeks, oldest first, with the given weeks (by weeks ago) filled in. */
function twelveWeeks<T extends Record<string, number>>(zero: T, filled: Record<number, Partial<T>>) {
  return Array.from({ length: 12 }, (_, index) => ({ week: weekLabel(11 - index), ...zero, ...filled[11 - index] }))
}

engagementSuite({
  admin: true,
  testSuite: ({ api, getContainer }, seeded) => {
    /** Moves rows into another week, as if they had been written then (the charts group by `created_at`). */
    async function dated(table: string, ids: string[], at: string) {
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      await pg.raw(`UPDATE ${table} SET created_at = ?::timestamptz + interval '1 day 12 hours' WHERE id = ANY(?)`, [
        at,
        ids,
      ])
    }

    it("GET /admin/engagement/loyalty/stats: points per week, outstanding at each week's end, tiers with their rules", async () => {
      const loyalty = loyaltyOf(getContainer())
      const post = async (customer: string, type: "earn" | "redeem" | "expire" | "adjust", points: number) => {
        const { results } = await loyalty.postLoyaltyEntries([
          { customer_id: customer, type, points, idempotency_key: `chart:${customer}:${type}:${points}` },
        ])
        return results[0].transaction_id!
      }
      await dated("loyalty_transaction", [await post("cus_chart_a", "earn", 1000)], inWeek(3))
      await dated("loyalty_transaction", [await post("cus_chart_a", "redeem", -300)], inWeek(2))
      await dated("loyalty_transaction", [await post("cus_chart_a", "expire", -100)], inWeek(1))
      await dated("loyalty_transaction", [await post("cus_chart_b", "earn", 50)], inWeek(2))
      await post("cus_chart_b", "adjust", 20)
      // before the window: counted in what is outstanding, not in any week
      await dated("loyalty_transaction", [await post("cus_chart_c", "earn", 400)], inWeek(13))

      const response = await api.get(`/admin/engagement/loyalty/stats`, seeded.admin)

      expect(response.status).toBe(200)
      const { stats } = response.data
      // outstanding now: 600 + 70 + 400; each week back takes away the net change after it
      expect(stats.weeks).toEqual(
        twelveWeeks(
          { issued: 0, redeemed: 0, expired: 0, outstanding: 400 },
          {
            3: { issued: 1000, outstanding: 1400 },
            2: { issued: 50, redeemed: 300, outstanding: 1150 },
            1: { expired: 100, outstanding: 1050 },
            0: { issued: 20, outstanding: 1070 },
          }
        )
      )
      expect(stats.redemption_rate).toBeCloseTo(300 / 1070, 10)
      expect(stats.tiers).toEqual([
        { id: null, name: "No tier", threshold: 0, multiplier: 1, members: 1 },
        { id: "silver", name: "Silver", threshold: 100, multiplier: 1.5, members: 2 },
        { id: "gold", name: "Gold", threshold: 5000, multiplier: 2, members: 0 },
      ])
      expect(stats.earning).toMatchObject({ points_per_unit: { default: 2 }, pending_days: 0, expiry_days: 365 })
      const programme = await api.get(`/admin/engagement/loyalty`, seeded.admin)
      expect(programme.data.loyalty.outstanding).toBe(stats.weeks[11].outstanding)

      const four = await api.get(`/admin/engagement/loyalty/stats?weeks=4`, seeded.admin)
      expect(four.data.stats.weeks.map((week: { week: string }) => week.week)).toEqual([3, 2, 1, 0].map(weekLabel))
      expect(four.data.stats.redemption_rate).toBeCloseTo(300 / 1070, 10)
    })

    it("GET /admin/engagement/review-requests/stats: the funnel per week of creation and the skip reasons", async () => {
      const engagement = engagementOf(getContainer())
      const now = new Date()
      const request = (n: number, fields: Record<string, unknown>) => ({ order_id: `order_chart_${n}`, ...fields })
      const created = await engagement.createReviewRequests([
        request(1, { status: "sent", sent_at: now, clicked_at: now }),
        request(2, { status: "sent", sent_at: now }),
        request(3, { status: "scheduled" }),
        request(4, { status: "skipped", reason: "the order has no email address" }),
        request(5, { status: "skipped", reason: "opted out" }),
        request(6, { status: "skipped", reason: "opted out" }),
        request(7, { status: "canceled" }),
        request(8, { status: "sent", sent_at: now, clicked_at: now }),
        request(9, { status: "skipped", reason: "before the window" }),
      ])
      const ids = created.map((row) => row.id)
      await engagement.createReviewWebhookReceipts([
        { signature: "chart-1", order_id: "order_chart_1" },
        { signature: "chart-8", order_id: "order_chart_8" },
      ])
      await dated("engagement_review_request", ids.slice(0, 4), inWeek(1))
      await dated("engagement_review_request", ids.slice(7), inWeek(14))

      const response = await api.get(`/admin/engagement/review-requests/stats`, seeded.admin)

      expect(response.status).toBe(200)
      expect(response.data.stats.weeks).toEqual(
        twelveWeeks(
          { scheduled: 0, sent: 0, clicked: 0, reviewed: 0 },
          { 1: { scheduled: 3, sent: 2, clicked: 1, reviewed: 1 }, 0: { scheduled: 1 } }
        )
      )
      expect(response.data.stats.skip_reasons).toEqual([
        { reason: "opted out", count: 2 },
        { reason: "the order has no email address", count: 1 },
      ])
    })

    it("GET /admin/engagement/platforms/stats: each platform's deliveries by outcome over 24 hours or 7 days", async () => {
      const engagement = engagementOf(getContainer())
      const later = new Date(Date.now() + 3_600_000)
      const enqueued = await engagement.enqueueDeliveries(
        [1, 2, 3, 4, 5, 6].map((n) => ({
          platform: n === 6 ? "recensus" : "rejoiner",
          operation: "cancel",
          origin: "journey_cancellation",
          idempotency_key: `chart:delivery:${n}`,
          payload: { email: `shopper${n}@example.com` },
        }))
      )
      const [a, b, c, d, e, f] = enqueued.map(({ delivery }) => delivery.id)
      await engagement.updateDeliveries([
        { id: a, status: "delivered" },
        { id: b, status: "delivered" },
        { id: c, status: "dead" },
        { id: d, status: "failed", next_attempt_at: later },
        { id: e, status: "delivered" },
        // left waiting: not due for an hour, so no worker sends it during the test
        { id: f, next_attempt_at: later },
      ])
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      await pg.raw(`UPDATE engagement_delivery SET created_at = now() - interval '3 days' WHERE id = ?`, [e])

      const day = await api.get(`/admin/engagement/platforms/stats`, seeded.admin)
      const week = await api.get(`/admin/engagement/platforms/stats?window=7d`, seeded.admin)

      const of = (platforms: { platform: string }[], id: string) => platforms.find((row) => row.platform === id)
      expect(day.data.stats.window).toBe("24h")
      expect(of(day.data.stats.platforms, "rejoiner")).toMatchObject({ delivered: 2, failed: 2, waiting: 0 })
      expect(of(day.data.stats.platforms, "recensus")).toMatchObject({ delivered: 0, failed: 0, waiting: 1 })
      expect(of(week.data.stats.platforms, "rejoiner")).toMatchObject({ delivered: 3, failed: 2, waiting: 0 })
      // every switched-on platform has a row, with nothing sent too
      expect(day.data.stats.platforms.length).toBe(
        (await api.get(`/admin/engagement/platforms`, seeded.admin)).data.platforms.length
      )
    })

    it("refuses a window out of range, naming the parameter, and a caller who is not an admin", async () => {
      for (const [path, field] of [
        [`/admin/engagement/platforms/stats?window=30d`, "window"],
        [`/admin/engagement/loyalty/stats?weeks=0`, "weeks"],
        [`/admin/engagement/loyalty/stats?weeks=53`, "weeks"],
        [`/admin/engagement/review-requests/stats?weeks=twelve`, "weeks"],
        [`/admin/engagement/review-requests/stats?days=7`, "days"],
      ]) {
        const response = await responseOf(api.get(path, seeded.admin))
        expect([path, response.status, response.data.message]).toEqual([path, 400, expect.stringContaining(field)])
      }
      for (const path of ["loyalty", "review-requests", "platforms"]) {
        expect((await responseOf(api.get(`/admin/engagement/${path}/stats`))).status).toBe(401)
      }
    })
  },
})
