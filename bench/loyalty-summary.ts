/**
 * The loyalty summary read (the query the store and admin routes run) with 1,000,000 ledger rows
 * in the database, as a ratio of the same read with 100 rows. Target: ≤ 1.2 (a read must not
 * grow with the ledger). Runs against the PostgreSQL at DB_HOST (default localhost) in a database
 * of its own, which it drops at the end:
 *   npm run bench:loyalty            (or: node -r ts-node/register/transpile-only bench/loyalty-summary.ts)
 */
import knexFactory from "knex"
import { Migration20261130115323 } from "../src/modules/loyalty/migrations/Migration20261130115323"
import { buildSummary } from "../src/modules/loyalty/ledger/summary"
import { benchDatabase } from "./lib/config"
import { percentiles } from "./lib/stats"

const host = process.env.DB_HOST || "localhost"
const user = process.env.DB_USERNAME || "postgres"
const password = process.env.DB_PASSWORD || ""
const port = Number(process.env.DB_PORT || 5432)
const DB = benchDatabase("loyalty")
const READS = Number(process.env.BENCH_READS || 2000)
/** one account's own ledger rows for the second figure (BENCH_OWN_ROWS; 100,000 at scale 1) */
const OWN_ROWS = Number(process.env.BENCH_OWN_ROWS || 100_000)
const RULES = {
  basis: "period" as const,
  window_days: 365,
  levels: [
    { id: "silver", name: "Silver", threshold: 500, multiplier: 1 },
    { id: "gold", name: "Gold", threshold: 2000, multiplier: 1.5 },
  ],
}

async function migrationSql(): Promise<string[]> {
  const statements: string[] = []
  const migration = Object.create(Migration20261130115323.prototype) as {
    addSql: (sql: string) => void
    up: () => Promise<void>
  }
  migration.addSql = (sql: string) => statements.push(sql)
  await migration.up()
  return statements
}

/** `accounts` accounts of `rowsPerAccount` ledger rows each: earn lots and redemptions, as a store has. */
async function seed(knex: ReturnType<typeof knexFactory>, accounts: number, rowsPerAccount: number) {
  await knex.raw(`TRUNCATE loyalty_account, loyalty_transaction, loyalty_allocation`)
  await knex.raw(
    `INSERT INTO loyalty_account (id, customer_id, balance, lifetime_points, period_points, total_earned, tier_id)
     SELECT 'loyacc_' || a, 'cus_' || a, ?, ?, ?, ?, 'silver' FROM generate_series(1, ?) a`,
    [rowsPerAccount * 5, rowsPerAccount * 10, rowsPerAccount * 10, rowsPerAccount * 10, accounts]
  )
  // half earn lots (10 points, half of them spent), half redemptions, spread over the last year
  await knex.raw(
    `INSERT INTO loyalty_transaction (id, account_id, customer_id, type, points, idempotency_key, lot_state, lot_remaining,
                                      available_at, expires_at, created_at)
     SELECT 'loytx_' || a || '_' || r, 'loyacc_' || a, 'cus_' || a,
            CASE WHEN r % 2 = 0 THEN 'earn' ELSE 'redeem' END,
            CASE WHEN r % 2 = 0 THEN 10 ELSE -5 END,
            'k_' || a || '_' || r,
            CASE WHEN r % 2 = 0 THEN 'available' END,
            CASE WHEN r % 2 = 0 THEN (CASE WHEN r % 4 = 0 THEN 10 ELSE 0 END) END,
            now() - (r || ' hours')::interval,
            CASE WHEN r % 2 = 0 THEN now() + ((r * 7) % 400 || ' days')::interval END,
            now() - (r || ' hours')::interval
       FROM generate_series(1, ?) a, generate_series(1, ?) r`,
    [accounts, rowsPerAccount]
  )
  // as a real server's autovacuum would have (this machine's PostgreSQL runs with it off)
  await knex.raw(`VACUUM ANALYZE loyalty_account`)
  await knex.raw(`VACUUM ANALYZE loyalty_transaction`)
}

async function timeReads(knex: ReturnType<typeof knexFactory>, customerId: string) {
  const manager = { getKnex: () => knex, getTransactionContext: () => undefined } as never
  for (let i = 0; i < 200; i++) {
    await buildSummary(manager, customerId, RULES, new Date())
  } // warm-up
  const samples: number[] = []
  for (let i = 0; i < READS; i++) {
    const started = process.hrtime.bigint()
    await buildSummary(manager, customerId, RULES, new Date())
    samples.push(Number(process.hrtime.bigint() - started) / 1e6)
  }
  return percentiles(samples)
}

async function main() {
  const admin = knexFactory({ client: "pg", connection: { host, port, user, password, database: "postgres" } })
  await admin.raw(`CREATE DATABASE ${DB}`)
  const knex = knexFactory({
    client: "pg",
    connection: { host, port, user, password, database: DB },
    pool: { min: 1, max: 1 },
  })
  try {
    for (const sql of await migrationSql()) {
      await knex.raw(sql)
    }
    await seed(knex, 1, 100)
    const small = await timeReads(knex, "cus_1")
    await seed(knex, 10_000, 100)
    const large = await timeReads(knex, "cus_5000")
    const ratio = large.p50 / small.p50
    console.log("loyalty summary read, one account of 100 ledger rows")
    console.log(`  100 rows in the database:        p50 ${small.p50.toFixed(3)} ms  p99 ${small.p99.toFixed(3)} ms`)
    console.log(`  1,000,000 rows in the database:  p50 ${large.p50.toFixed(3)} ms  p99 ${large.p99.toFixed(3)} ms`)
    console.log(`  ratio (p50): ${ratio.toFixed(2)}  target ≤ 1.2  ${ratio <= 1.2 ? "pass" : "short"}`)
    // the account's own history: what a loyal shopper's reads cost after years of orders
    await seed(knex, 1, OWN_ROWS)
    const own = await timeReads(knex, "cus_1")
    const ownRatio = own.p50 / small.p50
    console.log(`loyalty summary read, one account of ${OWN_ROWS.toLocaleString("en")} ÷ 100 ledger rows of its own`)
    console.log(`  own: p50 ${own.p50.toFixed(3)} ms  p99 ${own.p99.toFixed(3)} ms`)
    console.log(`  own ratio (p50): ${ownRatio.toFixed(2)}  target ≤ 1.2  ${ownRatio <= 1.2 ? "pass" : "short"}`)
  } finally {
    await knex.destroy()
    await admin.raw(`DROP DATABASE IF EXISTS ${DB}`)
    await admin.destroy()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
