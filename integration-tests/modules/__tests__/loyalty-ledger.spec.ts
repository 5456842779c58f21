import path from "node:path"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import type LoyaltyModuleService from "../../../src/modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../src/modules/loyalty/types"
import type { LoyaltyEntryInput } from "../../../src/modules/loyalty/types"
import verifyLoyaltyLedger from "../../../src/scripts/verify-loyalty-ledger"

jest.setTimeout(120_000)

const DAY = 86_400_000
const inDays = (days: number) => new Date(Date.now() + days * DAY)
const earn = (
  customer: string,
  key: string,
  points: number,
  extra: Partial<LoyaltyEntryInput> = {}
): LoyaltyEntryInput => ({
  customer_id: customer,
  type: "earn",
  points,
  idempotency_key: key,
  ...extra,
})

moduleIntegrationTestRunner<LoyaltyModuleService>({
  moduleName: LOYALTY_MODULE,
  resolve: path.join(__dirname, "../../../src/modules/loyalty"),
  pathToMigrations: path.join(__dirname, "../../../src/modules/loyalty/migrations"),
  // a plugin's modules all receive the plugin's options; the loyalty module reads `loyalty`
  moduleOptions: {
    loyalty: {
      debt_policy: "block",
      tiers: {
        window_days: 365,
        levels: [
          { id: "silver", name: "Silver", threshold: 500 },
          { id: "gold", name: "Gold", threshold: 2000, multiplier: 1.5 },
        ],
      },
    },
  },
  testSuite: ({ service }) => {
    /** The customer's lots by the key that made them. */
    async function lots(customer: string) {
      const rows = await service.listLoyaltyTransactions({ customer_id: customer })
      return Object.fromEntries(rows.filter((row) => row.lot_state).map((row) => [row.idempotency_key, row]))
    }
    const remaining = (byKey: Record<string, { lot_remaining: number | null }>) =>
      Object.fromEntries(Object.entries(byKey).map(([key, lot]) => [key, lot.lot_remaining]))

    it("spends the lots that expire soonest first and reports the four expiry buckets, adding up to the balance", async () => {
      await service.postLoyaltyEntries([
        earn("cus_a", "o1", 100, { expires_at: inDays(200) }),
        earn("cus_a", "o2", 50, { expires_at: inDays(20) }),
        earn("cus_a", "o3", 70, { expires_at: inDays(45) }),
        earn("cus_a", "o4", 30, { expires_at: null }),
      ])
      await service.postLoyaltyEntries([{ customer_id: "cus_a", type: "redeem", points: -80, idempotency_key: "r1" }])
      const summary = await service.getLoyaltySummary("cus_a")
      expect(summary.balance).toBe(170)
      expect(summary.total_redeemed).toBe(80)
      expect(summary.expiring).toEqual([
        { from_days: 0, to_days: 30, points: 0 },
        { from_days: 30, to_days: 60, points: 40 },
        { from_days: 60, to_days: 90, points: 0 },
        // the lot that never expires is in the last bucket: the buckets add up to the balance
        { from_days: 90, to_days: null, points: 130 },
      ])
      expect(remaining(await lots("cus_a"))).toEqual({ o1: 100, o2: 0, o3: 40, o4: 30 })
      expect(await service.verifyLedger()).toEqual([])
    })

    it("applies the same idempotency key once, even twice in one batch", async () => {
      const first = await service.postLoyaltyEntries([earn("cus_b", "order_1", 40), earn("cus_b", "order_1", 40)])
      const again = await service.postLoyaltyEntries([earn("cus_b", "order_1", 40)])
      expect(first.results.map((r) => r.applied)).toEqual([true, false])
      expect(again.results[0].applied).toBe(false)
      expect((await service.getLoyaltySummary("cus_b")).balance).toBe(40)
    })

    it("refuses a debit larger than the balance and changes nothing, not even the batch's other entries", async () => {
      await service.postLoyaltyEntries([earn("cus_c", "c1", 60)])
      await expect(
        service.postLoyaltyEntries([
          earn("cus_c", "c2", 10),
          { customer_id: "cus_c", type: "adjust", points: -100, idempotency_key: "adj1", reason: "typo" },
        ])
      ).rejects.toThrow("points: -100 would take the balance below zero: spendable balance is 70")
      expect((await service.getLoyaltySummary("cus_c")).balance).toBe(60)
      expect(await service.listLoyaltyTransactions({ customer_id: "cus_c" })).toHaveLength(1)
    })

    it("turns a reversal of spent points into a debt that blocks spending until later earnings repay it", async () => {
      const { results } = await service.postLoyaltyEntries([earn("cus_d", "d-earn", 100, { order_id: "order_d" })])
      await service.postLoyaltyEntries([
        { customer_id: "cus_d", type: "redeem", points: -70, idempotency_key: "d-redeem" },
      ])
      const reversal = await service.postLoyaltyEntries([
        {
          customer_id: "cus_d",
          type: "reverse",
          points: -100,
          idempotency_key: "d-reverse",
          reverses_transaction_ids: [results[0].transaction_id!],
        },
      ])
      expect(reversal.results[0]).toMatchObject({ points: -30, shortfall: 70 })
      let summary = await service.getLoyaltySummary("cus_d")
      expect(summary).toMatchObject({ balance: 0, debt: 70, spending_blocked: true, lifetime_points: 0 })

      await service.postLoyaltyEntries([earn("cus_d", "d-earn-2", 50)])
      summary = await service.getLoyaltySummary("cus_d")
      expect(summary).toMatchObject({ balance: 0, debt: 20, spending_blocked: true })
      await service.postLoyaltyEntries([earn("cus_d", "d-earn-3", 50)])
      summary = await service.getLoyaltySummary("cus_d")
      expect(summary).toMatchObject({ balance: 30, debt: 0, spending_blocked: false })
      const repayments = await service.listLoyaltyTransactions({ customer_id: "cus_d", type: "debt_repayment" })
      expect(repayments.map((row) => [row.points, row.debt_change]).sort()).toEqual([
        [-20, -20],
        [-50, -50],
      ])
      expect(await service.verifyLedger()).toEqual([])
    })

    it("restores a canceled redemption into the lots it came from, once", async () => {
      await service.postLoyaltyEntries([
        earn("cus_e", "e1", 40, { expires_at: inDays(10) }),
        earn("cus_e", "e2", 100, { expires_at: inDays(100) }),
      ])
      const redeem = await service.postLoyaltyEntries([
        { customer_id: "cus_e", type: "redeem", points: -60, idempotency_key: "e-redeem", order_id: "order_e" },
      ])
      const restore = {
        customer_id: "cus_e",
        type: "restore" as const,
        points: 0,
        idempotency_key: "restore:e-redeem",
        restores_transaction_id: redeem.results[0].transaction_id!,
      }
      await service.postLoyaltyEntries([restore])
      await service.postLoyaltyEntries([restore])
      const summary = await service.getLoyaltySummary("cus_e")
      expect(summary).toMatchObject({ balance: 140, total_redeemed: 0 })
      expect(summary.expiring[0].points).toBe(40)
      expect(remaining(await lots("cus_e"))).toEqual({ e1: 40, e2: 100 })
      expect(await service.verifyLedger()).toEqual([])
    })

    it("refuses to restore another account's debit", async () => {
      await service.postLoyaltyEntries([earn("cus_f", "f1", 10)])
      const theirs = await service.postLoyaltyEntries([
        { customer_id: "cus_f", type: "redeem", points: -10, idempotency_key: "f-r" },
      ])
      await expect(
        service.postLoyaltyEntries([
          {
            customer_id: "cus_g",
            type: "restore",
            points: 0,
            idempotency_key: "g-restore",
            restores_transaction_id: theirs.results[0].transaction_id!,
          },
        ])
      ).rejects.toThrow("is not a debit of this account")
    })

    it("expires what is left of expired lots with one expire row each, and releases matured pending lots", async () => {
      await service.postLoyaltyEntries([
        earn("cus_h", "h1", 80, { expires_at: inDays(30) }),
        earn("cus_h", "h2", 25, { available_at: inDays(14), expires_at: inDays(365) }),
      ])
      await service.postLoyaltyEntries([{ customer_id: "cus_h", type: "redeem", points: -30, idempotency_key: "h-r" }])
      expect(await service.getLoyaltySummary("cus_h")).toMatchObject({ balance: 50, pending: 25, lifetime_points: 80 })

      const { h1: first, h2: second } = await lots("cus_h")
      await service.updateLoyaltyTransactions([
        { id: first.id, expires_at: new Date(Date.now() - 1000) },
        { id: second.id, available_at: new Date(Date.now() - 1000) },
      ])
      // the job releases first here: any write to the account (the expiry below) matures its due lots too
      expect((await service.releaseMaturedLots()).released).toBe(1)
      expect((await service.releaseMaturedLots()).released).toBe(0)
      expect(await service.expireLots()).toEqual(["cus_h"])
      expect(await service.expireLots()).toEqual([])
      const expired = await service.listLoyaltyTransactions({ customer_id: "cus_h", type: "expire" })
      expect(expired.map((row) => row.points)).toEqual([-50])
      expect(await service.getLoyaltySummary("cus_h")).toMatchObject({ balance: 25, pending: 0, lifetime_points: 105 })
      expect(await service.verifyLedger()).toEqual([])
    })

    it("reaches a tier, says what keeps it, and loses it as the rolling window moves on", async () => {
      const reached = await service.postLoyaltyEntries([earn("cus_t", "t1", 300), earn("cus_t", "t2", 250)])
      expect(reached.tier_changes).toEqual([{ customer_id: "cus_t", from: null, to: "silver" }])
      let summary = await service.getLoyaltySummary("cus_t")
      expect(summary.tier).toMatchObject({
        id: "silver",
        next: { id: "gold", points_needed: 1450 },
        points_to_retain: 250,
      })
      expect(summary.tier!.retain_by!.getTime()).toBeGreaterThan(inDays(364).getTime())

      // the 300 points were collected 366 days ago: they leave the window
      const { t1: old } = await lots("cus_t")
      await service.updateLoyaltyTransactions([{ id: old.id, created_at: inDays(-366) } as any])
      const changes = await service.refreshTierWindows(3 * DAY)
      expect(changes).toEqual([{ customer_id: "cus_t", from: "silver", to: null }])
      summary = await service.getLoyaltySummary("cus_t")
      expect(summary).toMatchObject({
        period_points: 250,
        lifetime_points: 550,
        tier: null,
        next_tier: { id: "silver", points_needed: 250 },
      })
    })

    it("keeps the stored balance equal to the ledger, never below zero, under 50 concurrent earns and debits", async () => {
      await service.postLoyaltyEntries([earn("cus_z", "z0", 100)])
      const writes = Array.from({ length: 50 }, (_, i) =>
        service
          .postLoyaltyEntries([
            i % 2
              ? { customer_id: "cus_z", type: "adjust", points: -37, idempotency_key: `z-adj-${i}`, reason: "load" }
              : earn("cus_z", `z-earn-${i}`, 11),
          ])
          .then(
            () => "ok",
            (error: Error) => error.message
          )
      )
      const outcomes = await Promise.all(writes)
      const summary = await service.getLoyaltySummary("cus_z")
      const rows = await service.listLoyaltyTransactions({ customer_id: "cus_z" })
      expect(summary.balance).toBeGreaterThanOrEqual(0)
      expect(summary.balance).toBe(rows.reduce((sum, row) => sum + row.points, 0))
      expect(rows).toHaveLength(1 + outcomes.filter((o) => o === "ok").length)
      expect(
        outcomes.filter((o) => o !== "ok").every((o) => o.startsWith("points: -37 would take the balance below zero"))
      ).toBe(true)
      expect(await service.verifyLedger()).toEqual([])
    })

    it("the ledger check names an account whose stored balance was changed behind the ledger's back, and fails", async () => {
      await service.postLoyaltyEntries([earn("cus_v", "v1", 25)])
      const [account] = await service.listLoyaltyAccounts({ customer_id: "cus_v" })
      await service.updateLoyaltyAccounts([{ id: account.id, balance: 30 }])
      const logged: string[] = []
      const container = {
        resolve: (key: string) =>
          key === "logger" ? { info: () => {}, error: (line: string) => logged.push(line) } : service,
      }
      await expect(verifyLoyaltyLedger({ container } as any)).rejects.toThrow("loyalty ledger: 3 difference(s)")
      expect(logged).toEqual([
        "loyalty ledger: customer cus_v: balance + pending + reserved is 30, the ledger says 25",
        "loyalty ledger: customer cus_v: balance + reserved (available lots) is 30, the ledger says 25",
        "loyalty ledger: customer cus_v: balance (expiry buckets) is 30, the ledger says 25",
      ])
      await service.updateLoyaltyAccounts([{ id: account.id, balance: 25 }])
      await expect(verifyLoyaltyLedger({ container } as any)).resolves.toBeUndefined()
    })

    it("takes now from the clock it is given: pending points mature and lots expire when that clock passes their dates", async () => {
      const start = new Date("2030-01-01T00:00:00Z")
      let now = start
      service.useClock(() => now)
      try {
        const at = (days: number) => new Date(start.getTime() + days * DAY)
        await service.postLoyaltyEntries([earn("cus_t", "t1", 40, { available_at: at(2), expires_at: at(30) })])
        expect(await service.getLoyaltySummary("cus_t")).toMatchObject({ balance: 0, pending: 40 })
        now = at(1)
        expect((await service.releaseMaturedLots()).released).toBe(0)
        now = at(2)
        expect((await service.releaseMaturedLots()).released).toBe(1)
        expect(await service.expireLots()).toEqual([])
        expect(await service.getLoyaltySummary("cus_t")).toMatchObject({ balance: 40, pending: 0 })
        now = at(30)
        expect(await service.expireLots()).toEqual(["cus_t"])
        expect(await service.getLoyaltySummary("cus_t")).toMatchObject({ balance: 0, pending: 0 })
      } finally {
        service.useClock(null)
      }
      expect(await service.verifyLedger()).toEqual([])
    })
  },
})
