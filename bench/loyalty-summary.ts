/**
 * The loyalty reads a shopper meets, each as a ratio of the same read with 100 rows (target ≤ 1.2:
 * a read must not grow with the ledger):
 * - the summary (the maturity check and the summary the store and admin routes run) with
 *   1,000,000 rows of other customers in the database (÷ the same account alone in a database), and
 *   for an account of BENCH_OWN_ROWS rows of its own (÷ an account of 100 in the same database);
 * - the transactions page (first page, newest first, with its count: the statements the store
 *   route's listLoyaltyTransactions and countLoyaltyTransactions send), own rows likewise.
 * Bulk rows are written with the aggregates' trigger off and the aggregates then backfilled by
 * the migration (as an upgrade does), and the verify command's recount of them must find nothing.
 * Runs against the PostgreSQL at DB_HOST (default localhost) in a database of its own, which it
 * drops at the end:
 *   npm run bench:loyalty            (or: node -r ts-node/register/transpile-only bench/loyalty-summary.ts)
 */
import knexFactory, { Knex } from "knex"
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

/**
 * Accounts `prefix`1..`accounts` of `rowsPerAccount` ledger rows each (earn lots and redemptions,
 * as a store has), written with the aggregates' trigger off; `backfill` then turns it back on.
 */
async function seed(knex: Knex, prefix: string, accounts: number, rowsPerAccount: number) {
  // a row at a time through the trigger would make the seed, not the read, the bench's cost
  await knex.raw(`ALTER TABLE loyalty_transaction DISABLE TRIGGER loyalty_transaction_aggregates`)
  await knex.raw(
    `INSERT INTO loyalty_account (id, customer_id, balance, lifetime_points, period_points, total_earned, tier_id)
     SELECT 'loyacc_' || ? || a, 'cus_' || ? || a, ?, ?, ?, ?, 'silver' FROM generate_series(1, ?) a`,
    [prefix, prefix, rowsPerAccount * 5, rowsPerAccount * 10, rowsPerAccount * 10, rowsPerAccount * 10, accounts]
  )
  // half earn lots (10 points, half of them spent), half redemptions, one an hour back from now
  await knex.raw(
    `INSERT INTO loyalty_transaction (id, account_id, customer_id, type, points, idempotency_key, lot_state, lot_remaining,
                                      available_at, expires_at, created_at)
     SELECT 'loytx_' || ? || a || '_' || r, 'loyacc_' || ? || a, 'cus_' || ? || a,
            CASE WHEN r % 2 = 0 THEN 'earn' ELSE 'redeem' END,
            CASE WHEN r % 2 = 0 THEN 10 ELSE -5 END,
            'k_' || ? || a || '_' || r,
            CASE WHEN r % 2 = 0 THEN 'available' END,
            CASE WHEN r % 2 = 0 THEN (CASE WHEN r % 4 = 0 THEN 10 ELSE 0 END) END,
            now() - (r || ' hours')::interval,
            CASE WHEN r % 2 = 0 THEN now() + ((r * 7) % 400 || ' days')::interval END,
            now() - (r || ' hours')::interval
       FROM generate_series(1, ?) a, generate_series(1, ?) r`,
    [prefix, prefix, prefix, prefix, accounts, rowsPerAccount]
  )
}

/** The aggregates migration again, as an upgrade runs it: the trigger back on, the aggregates backfilled. */
async function backfill(knex: Knex) {
  for (const sql of await migrationSql(AGGREGATES_MIGRATION)) {
    await knex.raw(sql)
  }
  const differences = await aggregateDifferences(managerOf(knex))
  if (differences.length) {
    throw new Error(`the backfilled aggregates differ from the ledger: ${JSON.stringify(differences.slice(0, 5))}`)
  }
  // as a real server's autovacuum would have (this machine's PostgreSQL runs with it off)
  await knex.raw(`VACUUM ANALYZE loyalty_account`)
  await knex.raw(`VACUUM ANALYZE loyalty_transaction`)
  await knex.raw(`VACUUM ANALYZE loyalty_account_expiry`)
  await knex.raw(`VACUUM ANALYZE loyalty_account_tier_week`)
  await knex.raw(`VACUUM ANALYZE loyalty_account_row_count`)
}

function managerOf(knex: Knex) {
  return { getKnex: () => knex, getTransactionContext: () => undefined } as never
}

/**
 * Times the reads side by side: each round runs every read once, in an order that turns round
 * by round, so a burst of load on the shared machine falls on all of them alike.
 */
async function timeReads(reads: (() => Promise<unknown>)[]) {
  for (let i = 0; i < 200; i++) {
    for (const read of reads) {
      await read()
    }
  } // warm-up
  const samples: number[][] = reads.map(() => [])
  for (let round = 0; round < READS; round++) {
    for (let k = 0; k < reads.length; k++) {
      const index = (round + k) % reads.length
      const started = process.hrtime.bigint()
      await reads[index]()
      samples[index].push(Number(process.hrtime.bigint() - started) / 1e6)
    }
  }
  return samples.map(percentiles)
}
/** What the store's summary route runs: the maturity check, then the summary. */
function summaryRead(knex: Knex, customerId: string) {
  const manager = managerOf(knex)
  return async () => {
    await hasMaturedLots(manager, customerId, new Date())
    return await buildSummary(manager, customerId, RULES, new Date())
  }
}

/**
 * What the store's transactions route runs for its first page: the statement MikroORM sends for
 * listLoyaltyTransactions (the route's fields, newest first, 20 rows) and the count beside it.
 */
function transactionsRead(knex: Knex, customerId: string) {
  const manager = managerOf(knex)
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
  const connect = (database: string) =>
    knexFactory({ client: "pg", connection: { host, port, user, password, database }, pool: { min: 1, max: 1 } })
  // two databases side by side: one account of 100 rows alone, and 10,000 accounts of 100 rows
  // beside one account of OWN_ROWS rows of its own
  const names = [DB, `${DB}_large`]
  const databases: Knex[] = []
  try {
    for (const name of names) {
      await admin.raw(`CREATE DATABASE ${name}`)
      const knex = connect(name)
      databases.push(knex)
      for (const migration of migrationNames()) {
        for (const sql of await migrationSql(migration)) {
          await knex.raw(sql)
        }
      }
    }
    const [small, large] = databases
    await seed(small, "", 1, 100)
    await backfill(small)
    await seed(large, "", 10_000, 100)
    await seed(large, "own_", 1, OWN_ROWS)
    await backfill(large)
    // the own-history ratios compare two accounts of the same database (100 rows and OWN_ROWS rows
    // of their own), so only the account's own history differs; the first, the database's size
    const [alone, others, own, page, pageOwn] = await timeReads([
      summaryRead(small, "cus_1"),
      summaryRead(large, "cus_5000"),
      summaryRead(large, "cus_own_1"),
      transactionsRead(large, "cus_5000"),
      transactionsRead(large, "cus_own_1"),
    ])
    const rows = OWN_ROWS.toLocaleString("en")
    console.log(`loyalty reads, ${alone.n} rounds side by side (p50 ratios)`)
    console.log("loyalty summary read, one account of 100 ledger rows")
    console.log(line("100 rows in the database:       ", alone))
    console.log(line("1,000,000 rows in the database: ", others))
    console.log(verdict("ratio", others.p50 / alone.p50))
    // the account's own history: what a loyal shopper's reads cost after years of orders
    console.log(`loyalty summary read, one account of ${rows} ÷ 100 ledger rows of its own`)
    console.log(line(`${rows} own rows:`, own))
    console.log(verdict("own ratio", own.p50 / others.p50))
    console.log(`loyalty transactions page (first, newest first, with count), ${rows} ÷ 100 own rows`)
    console.log(line("100 own rows:", page))
    console.log(line(`${rows} own rows:`, pageOwn))
    console.log(verdict("page ratio", pageOwn.p50 / page.p50))
  } finally {
    for (const knex of databases) {
      await knex.destroy()
    }
    for (const name of names) {
      await admin.raw(`DROP DATABASE IF EXISTS ${name}`)
    }
    await admin.destroy()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
