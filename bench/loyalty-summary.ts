/**
 * The loyalty reads a shopper meets, each as a ratio of the same read with 100 rows (target ≤ 1.2:
 * a read must not grow with the ledger):
 * - the summary (the maturity check and the summary the store and admin routes run) with
 *   1,000,000 rows of other customers in the database, and with one account's own BENCH_OWN_ROWS;
 * - the transactions page (first page, newest first, with its count: the statements the store
 *   route's listLoyaltyTransactions and countLoyaltyTransactions send) with the account's own rows.
 * Bulk rows are written with the aggregates' trigger off and the aggregates then backfilled by
 * the migration (as an upgrade does), and the verify command's recount of them must find nothing.
 * Runs against the PostgreSQL at DB_HOST (default localhost) in a database of its own, which it
 * drops at the end:
 *   npm run bench:loyalty            (or: node -r ts-node/register/transpile-only bench/loyalty-summary.ts)
 */
import knexFactory from "knex"
import { readdirSync } from "node:fs"
import { createRequire } from "node:module"
import path from "node:path"
import { aggregateDifferences, countTransactions } from "../src/modules/loyalty/ledger/aggregates"
import { hasMaturedLots } from "../src/modules/loyalty/ledger/release-lot"
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

const MIGRATIONS = path.join(__dirname, "../src/modules/loyalty/migrations")
const AGGREGATES_MIGRATION = "Migration20261207021500"

/** The SQL of a loyalty migration's `up`, by its class name. */
async function migrationSql(name: string): Promise<string[]> {
  const statements: string[] = []
  // loaded through ts-node's require hook (the bench runs as CommonJS, a dynamic import would not compile it)
  const module = createRequire(__filename)(path.join(MIGRATIONS, name)) as Record<string, { prototype: object }>
  const migration = Object.create(module[name].prototype) as { addSql: (sql: string) => void; up: () => Promise<void> }
  migration.addSql = (sql: string) => statements.push(sql)
  await migration.up()
  return statements
}

function migrationNames(): string[] {
  return readdirSync(MIGRATIONS)
    .filter((file) => /^Migration\d+\.ts$/.test(file))
    .map((file) => file.replace(/\.ts$/, ""))
    .sort()
}

/** `accounts` accounts of `rowsPerAccount` ledger rows each: earn lots and redemptions, as a store has. */
async function seed(knex: ReturnType<typeof knexFactory>, accounts: number, rowsPerAccount: number) {
  await knex.raw(
    `TRUNCATE loyalty_account, loyalty_transaction, loyalty_allocation,
              loyalty_account_expiry, loyalty_account_tier_week, loyalty_account_row_count`
  )
  // a row at a time through the trigger would make the seed, not the read, the bench's cost
  await knex.raw(`ALTER TABLE loyalty_transaction DISABLE TRIGGER loyalty_transaction_aggregates`)
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
  // the aggregates migration again: the trigger back on, the aggregates backfilled from the rows
  for (const sql of await migrationSql(AGGREGATES_MIGRATION)) {
    await knex.raw(sql)
  }
  const manager = { getKnex: () => knex, getTransactionContext: () => undefined } as never
  const differences = await aggregateDifferences(manager)
  if (differences.length) {
    throw new Error(`the backfilled aggregates differ from the ledger: ${JSON.stringify(differences.slice(0, 5))}`)
  }
  // as a real server's autovacuum would have (this machine's PostgreSQL runs with it off)
  await knex.raw(`VACUUM ANALYZE loyalty_account`)
  await knex.raw(`VACUUM ANALYZE loyalty_transaction`)
}

async function timeReads(read: () => Promise<unknown>) {
  for (let i = 0; i < 200; i++) {
    await read()
  } // warm-up
  const samples: number[] = []
  for (let i = 0; i < READS; i++) {
    const started = process.hrtime.bigint()
    await read()
    samples.push(Number(process.hrtime.bigint() - started) / 1e6)
  }
  return percentiles(samples)
}

/** What the store's summary route runs: the maturity check, then the summary. */
function summaryRead(knex: ReturnType<typeof knexFactory>, customerId: string) {
  const manager = { getKnex: () => knex, getTransactionContext: () => undefined } as never
  return async () => {
    await hasMaturedLots(manager, customerId, new Date())
    return await buildSummary(manager, customerId, RULES, new Date())
  }
}

/**
 * What the store's transactions route runs for its first page: the statement MikroORM sends for
 * listLoyaltyTransactions (the route's fields, newest first, 20 rows) and the count beside it.
 */
function transactionsRead(knex: ReturnType<typeof knexFactory>, customerId: string) {
  const manager = { getKnex: () => knex, getTransactionContext: () => undefined } as never
  return async () =>
    await Promise.all([
      knex.raw(
        `select "l0"."id", "l0"."type", "l0"."points", "l0"."order_id", "l0"."reason", "l0"."created_at", "l0"."expires_at"
           from "loyalty_transaction" as "l0"
          where "l0"."customer_id" = ? and "l0"."deleted_at" is null
          order by "l0"."created_at" desc, "l0"."id" desc limit 20`,
        [customerId]
      ),
      countTransactions(manager, customerId, undefined),
    ])
}

function line(label: string, figure: { p50: number; p99: number }) {
  return `  ${label} p50 ${figure.p50.toFixed(3)} ms  p99 ${figure.p99.toFixed(3)} ms`
}

function verdict(label: string, ratio: number) {
  return `  ${label} (p50): ${ratio.toFixed(2)}  target ≤ 1.2  ${ratio <= 1.2 ? "pass" : "short"}`
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
    for (const name of migrationNames()) {
      for (const sql of await migrationSql(name)) {
        await knex.raw(sql)
      }
    }
    await seed(knex, 1, 100)
    const small = await timeReads(summaryRead(knex, "cus_1"))
    const smallPage = await timeReads(transactionsRead(knex, "cus_1"))
    await seed(knex, 10_000, 100)
    const large = await timeReads(summaryRead(knex, "cus_5000"))
    const ratio = large.p50 / small.p50
    console.log("loyalty summary read, one account of 100 ledger rows")
    console.log(line("100 rows in the database:       ", small))
    console.log(line("1,000,000 rows in the database: ", large))
    console.log(verdict("ratio", ratio))
    // the account's own history: what a loyal shopper's reads cost after years of orders
    await seed(knex, 1, OWN_ROWS)
    const own = await timeReads(summaryRead(knex, "cus_1"))
    const ownPage = await timeReads(transactionsRead(knex, "cus_1"))
    const ownRatio = own.p50 / small.p50
    const pageRatio = ownPage.p50 / smallPage.p50
    console.log(`loyalty summary read, one account of ${OWN_ROWS.toLocaleString("en")} ÷ 100 ledger rows of its own`)
    console.log(line("100 own rows:  ", small))
    console.log(line("own:", own))
    console.log(verdict("own ratio", ownRatio))
    console.log(`loyalty transactions page (first, newest first, with count), ${OWN_ROWS.toLocaleString("en")} ÷ 100 own rows`)
    console.log(line("100 own rows:  ", smallPage))
    console.log(line("page:", ownPage))
    console.log(verdict("page ratio", pageRatio))
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
