import path from "node:path"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { Migration20261207021500 } from "../../../src/modules/loyalty/migrations/Migration20261207021500"
import type LoyaltyModuleService from "../../../src/modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../src/modules/loyalty/types"

jest.setTimeout(180_000)

const DAY = 86_400_000
const WINDOW_DAYS = 365
const GOLD = 2000

/** The statements of the aggregates migration's `up`: the trigger and the backfill. */
async function aggregatesMigration(): Promise<string[]> {
  const statements: string[] = []
  const migration = Object.create(Migration20261207021500.prototype) as {
    addSql: (sql: string) => void
    up: () => Promise<void>
  }
  migration.addSql = (sql: string) => statements.push(sql)
  await migration.up()
  return statements
}

moduleIntegrationTestRunner<LoyaltyModuleService>({
  moduleName: LOYALTY_MODULE,
  resolve: path.join(__dirname, "../../../src/modules/loyalty"),
  pathToMigrations: path.join(__dirname, "../../../src/modules/loyalty/migrations"),
  dbName: "medusa-engagement-loyalty-aggregates-integration",
  moduleOptions: {
    loyalty: {
      debt_policy: "block",
      tiers: {
        window_days: WINDOW_DAYS,
        levels: [
          { id: "silver", name: "Silver", threshold: 500 },
          { id: "gold", name: "Gold", threshold: GOLD, multiplier: 1.5 },
        ],
      },
    },
  },
  testSuite: ({ service, MikroOrmWrapper }) => {
    const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
      (await MikroOrmWrapper.forkManager().execute(text, params)) as T[]

    /** What the summary said before the aggregates: a walk over every counted row of the window. */
    async function retentionFromRows(customer: string, periodPoints: number, now: Date) {
      const since = new Date(now.getTime() - WINDOW_DAYS * DAY)
      const rows = await sql<{ created_at: Date; points: number }>(
        `SELECT created_at, points FROM loyalty_transaction
          WHERE customer_id = ? AND type IN ('earn', 'referral', 'scheme_bonus') AND lot_state <> 'pending'
            AND created_at > ? AND deleted_at IS NULL ORDER BY created_at, id`,
        [customer, since]
      )
      let points = periodPoints
      for (const row of rows) {
        points -= row.points
        if (points < GOLD) {
          return {
            retain_by: new Date(new Date(row.created_at).getTime() + WINDOW_DAYS * DAY),
            points_to_retain: GOLD - points,
          }
        }
      }
      return { retain_by: null, points_to_retain: 0 }
    }

    it("says when a tier is lost exactly as a walk over the window's rows does, from weekly sums, wherever in the window it falls", async () => {
      const now = new Date()
      // each customer: `count` earns of `points`, the i-th collected `start + i × step` days ago
      const histories = [
        { customer: "cus_mid", count: 40, points: 60, start: 5, step: 9 },
        { customer: "cus_first_week", count: 40, points: 60, start: 330, step: 0.9 },
        { customer: "cus_older", count: 30, points: 100, start: 200, step: 10 },
        { customer: "cus_safe", count: 40, points: 100, start: 300, step: 10 },
        { customer: "cus_same_week", count: 30, points: 70, start: 100, step: 0.05 },
      ]
      for (const history of histories) {
        await service.postLoyaltyEntries(
          Array.from({ length: history.count }, (_, i) => ({
            customer_id: history.customer,
            type: "earn" as const,
            points: history.points,
            idempotency_key: `${history.customer}:${i}`,
          }))
        )
        // back-dated as years of orders would have left them (the trigger moves each to its week)
        await sql(
          `UPDATE loyalty_transaction SET created_at = ?::timestamptz - (? + (split_part(idempotency_key, ':', 2))::int * ?) * interval '1 day'
            WHERE customer_id = ?`,
          [now, history.start, history.step, history.customer]
        )
      }
      expect(await service.verifyLedger()).toEqual([])
      const checked: string[] = []
      for (const history of histories) {
        const summary = await service.getLoyaltySummary(history.customer)
        expect(summary.tier?.id).toBe("gold")
        const expected = await retentionFromRows(history.customer, summary.period_points, now)
        // the summary's now is a moment later than the walk's: the window's edge moved by that much
        expect({ retain_by: summary.tier!.retain_by, points_to_retain: summary.tier!.points_to_retain }).toEqual(
          expected
        )
        checked.push(expected.retain_by ? "drops" : "keeps")
      }
      expect(checked).toEqual(["drops", "drops", "drops", "keeps", "drops"])
    })

    it("recounts a window from the weekly sums as a sum over the window's rows does, reversals and pending points included", async () => {
      const customer = "cus_window"
      await service.postLoyaltyEntries(
        Array.from({ length: 60 }, (_, i) => ({
          customer_id: customer,
          type: i % 7 ? ("earn" as const) : ("referral" as const),
          points: 40 + i,
          idempotency_key: `${customer}:${i}`,
        }))
      )
      // back-dated over two years, 12.3 days apart (the trigger moves each to its week)
      await sql(
        `UPDATE loyalty_transaction SET created_at = now() - (1.5 + (split_part(idempotency_key, ':', 2))::int * 12.3) * interval '1 day'
          WHERE customer_id = ?`,
        [customer]
      )
      await service.postLoyaltyEntries([
        // still pending: not counted until spendable
        {
          customer_id: customer,
          type: "earn",
          points: 500,
          idempotency_key: "w-pending",
          available_at: new Date(Date.now() + DAY),
        },
        { customer_id: customer, type: "reverse", points: -120, idempotency_key: "w-reverse-in" },
        { customer_id: customer, type: "reverse", points: -80, idempotency_key: "w-reverse-out" },
      ])
      await sql(
        `UPDATE loyalty_transaction SET created_at = now() - interval '400 days' WHERE idempotency_key = 'w-reverse-out'`
      )
      await sql(
        `UPDATE loyalty_transaction SET created_at = now() - interval '30 days' WHERE idempotency_key = 'w-reverse-in'`
      )
      // what the recount read before the aggregates: every row of the window
      const [{ points: expected }] = await sql<{ points: number }>(
        `SELECT SUM(CASE WHEN type IN ('earn', 'referral', 'scheme_bonus') AND lot_state <> 'pending' THEN points
                         WHEN type = 'reverse' THEN points ELSE 0 END)::int AS points
           FROM loyalty_transaction WHERE customer_id = ? AND created_at > now() - interval '365 days' AND deleted_at IS NULL`,
        [customer]
      )
      await sql(`UPDATE loyalty_account SET period_points = 0 WHERE customer_id = ?`, [customer])
      await service.refreshTierWindows(800 * DAY)
      const [account] = await service.listLoyaltyAccounts({ customer_id: customer })
      expect(expected).toBeGreaterThan(0)
      expect(account.period_points).toBe(expected)
      expect(await service.verifyLedger()).toEqual([])
    })

    it("the verify command names an aggregate changed, removed or left at 0 behind the ledger's back", async () => {
      await service.postLoyaltyEntries([
        {
          customer_id: "cus_v",
          type: "earn",
          points: 40,
          idempotency_key: "v1",
          expires_at: new Date("2031-03-04T10:00:00Z"),
        },
      ])
      const [account] = await service.listLoyaltyAccounts({ customer_id: "cus_v" })
      expect(await service.verifyLedger()).toEqual([])
      await sql(`UPDATE loyalty_account_expiry SET points = 45 WHERE account_id = ?`, [account.id])
      await sql(`DELETE FROM loyalty_account_tier_week WHERE account_id = ?`, [account.id])
      await sql(`INSERT INTO loyalty_account_row_count (account_id, type, rows) VALUES (?, 'redeem', 0)`, [account.id])
      const differences = await service.verifyLedger()
      expect(differences).toEqual(
        expect.arrayContaining([
          { customer_id: "cus_v", field: "expiry day 2031-03-04", stored: 45, ledger: 40 },
          {
            customer_id: "cus_v",
            field: expect.stringMatching(/^tier week \d{4}-\d{2}-\d{2}$/),
            stored: 0,
            ledger: 40,
          },
          { customer_id: "cus_v", field: "rows of type redeem", stored: 0, ledger: 0 },
        ])
      )
      expect(differences).toHaveLength(3)
    })

    it("the migration's backfill writes the aggregates the trigger kept, for every kind of ledger change", async () => {
      const soon = new Date(Date.now() + 10 * DAY)
      await service.postLoyaltyEntries([
        { customer_id: "cus_b", type: "earn", points: 300, idempotency_key: "b1", expires_at: soon },
        {
          customer_id: "cus_b",
          type: "earn",
          points: 200,
          idempotency_key: "b2",
          available_at: new Date(Date.now() + DAY),
        },
        { customer_id: "cus_b", type: "adjust", points: 50, idempotency_key: "b3", expires_at: null },
      ])
      const [redeem] = (
        await service.postLoyaltyEntries([
          { customer_id: "cus_b", type: "redeem", points: -120, idempotency_key: "b4" },
        ])
      ).results
      await service.postLoyaltyEntries([
        {
          customer_id: "cus_b",
          type: "restore",
          points: 0,
          idempotency_key: "b5",
          restores_transaction_id: redeem.transaction_id!,
        },
        { customer_id: "cus_b", type: "reverse", points: -400, idempotency_key: "b6" },
      ])
      const read = async () =>
        await sql(
          `SELECT 'expiry' AS kind, account_id, expires_on::text AS key, points FROM loyalty_account_expiry
           UNION ALL SELECT 'week', account_id, week_start::text, points FROM loyalty_account_tier_week
           UNION ALL SELECT 'rows', account_id, type, rows FROM loyalty_account_row_count
           ORDER BY 1, 2, 3`
        )
      const kept = await read()
      expect(kept.length).toBeGreaterThan(5)
      for (const statement of await aggregatesMigration()) {
        await sql(statement)
      }
      expect(await read()).toEqual(kept)
      expect(await service.verifyLedger()).toEqual([])
    })
  },
})
