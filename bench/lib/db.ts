/**
 * A database of its own for one sub-bench, on the PostgreSQL the tests use (DB_HOST, default
 * localhost), with the engagement module's migrations applied; dropped at the end.
 */
import fs from "node:fs"
import path from "node:path"
import knexFactory, { Knex } from "knex"
import { databaseUrl, pg } from "../../integration-tests/helpers/medusa-store"
import { benchDatabase } from "./config"
import { percentiles } from "./stats"

export { databaseUrl, pg }

/** Where the plugin's source is read from: this checkout, or another one (to measure "before"). */
export const SRC_ROOT = path.resolve(process.env.BENCH_SRC_ROOT || path.join(__dirname, "../.."))

/** Every `addSql` of the module's migrations, oldest first. */
export async function migrationSql(module: string): Promise<string[]> {
  const dir = path.join(SRC_ROOT, "src/modules", module, "migrations")
  const files = fs
    .readdirSync(dir)
    .filter((file) => /^Migration\d+\.ts$/.test(file))
    .sort()
  const statements: string[] = []
  for (const file of files) {
    const exported = require(path.join(dir, file)) as Record<string, { prototype: object }>
    const cls = Object.values(exported)[0]
    const migration = Object.create(cls.prototype) as { addSql: (sql: string) => void; up: () => Promise<void> }
    migration.addSql = (sql: string) => statements.push(sql)
    await migration.up()
  }
  return statements
}

export interface BenchDb {
  name: string
  url: string
  knex: Knex
  drop(): Promise<void>
}

export async function createBenchDb(label: string, modules: string[] = ["engagement"]): Promise<BenchDb> {
  const name = benchDatabase(label)
  const admin = knexFactory({ client: "pg", connection: { ...pg, database: "postgres" } })
  await admin.raw(`DROP DATABASE IF EXISTS ${name}`)
  await admin.raw(`CREATE DATABASE ${name}`)
  if (process.env.BENCH_PG_LOG) {
    // BENCH_PG_LOG=1: PostgreSQL logs every statement of this database with its duration
    await admin.raw(`ALTER DATABASE ${name} SET log_min_duration_statement = 0`)
  }
  const knex = knexFactory({ client: "pg", connection: { ...pg, database: name }, pool: { min: 1, max: 4 } })
  for (const module of modules) {
    for (const sql of await migrationSql(module)) {
      await knex.raw(sql)
    }
  }
  return {
    name,
    url: databaseUrl(name),
    knex,
    async drop() {
      await knex.destroy()
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.destroy()
    },
  }
}

/** The percentiles of `runs` timed calls after `warmup` untimed ones, in milliseconds. */
export async function timeCalls(fn: () => Promise<unknown>, runs: number, warmup = Math.min(100, runs)) {
  for (let i = 0; i < warmup; i++) {
    await fn()
  }
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint()
    await fn()
    samples.push(Number(process.hrtime.bigint() - started) / 1e6)
  }
  return percentiles(samples)
}

/** Times two calls alternately (so load on the machine falls on both alike); the percentiles of each. */
export async function timePair(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  runs: number,
  warmup = Math.min(100, runs)
) {
  for (let i = 0; i < warmup; i++) {
    await a()
    await b()
  }
  const samples: [number[], number[]] = [[], []]
  for (let i = 0; i < runs; i++) {
    for (const [index, fn] of [a, b].entries()) {
      const started = process.hrtime.bigint()
      await fn()
      samples[index].push(Number(process.hrtime.bigint() - started) / 1e6)
    }
  }
  return [percentiles(samples[0]), percentiles(samples[1])] as const
}

/**
 * CPU time (ms) used so far by the PostgreSQL backends connected to this knex's database, read from
 * /proc (the server is local); a backend gone since the last reading takes its time with it, so
 * read around a run whose connections stay open (the pool's). Null where /proc cannot be read.
 */
export async function databaseCpuMs(knex: Knex): Promise<Map<number, number> | null> {
  const { rows } = (await knex.raw(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)) as {
    rows: { pid: number }[]
  }
  const ticks = new Map<number, number>()
  try {
    for (const { pid } of rows) {
      // fields 14 and 15 (utime, stime) after the command's closing parenthesis; 100 ticks a second
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8")
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
      ticks.set(pid, (Number(fields[11]) + Number(fields[12])) * 10)
    }
  } catch {
    return null
  }
  return ticks
}

/** The backends' CPU ms between two {@link databaseCpuMs} readings (a backend new since counts whole). */
export function databaseCpuUsed(before: Map<number, number> | null, after: Map<number, number> | null): number | null {
  if (!before || !after) {
    return null
  }
  let used = 0
  for (const [pid, ms] of after) {
    used += ms - (before.get(pid) ?? 0)
  }
  return used
}
