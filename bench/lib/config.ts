/**
 * Where the bench puts what it starts, so two runs (or a bench beside the tests) don't collide:
 * - BENCH_PORT_BASE (9710): each store bench listens at an offset from it (PORTS below);
 * - BENCH_REDIS_DB (10): the first of the three Redis databases the topology runs use;
 * - BENCH_DB_PREFIX (engagement_bench): the prefix of every database it creates and drops.
 */
const number = (name: string, fallback: number) => {
  const raw = process.env[name]
  if (raw === undefined || raw === "") {
    return fallback
  }
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name}: a non-negative integer, not ${JSON.stringify(raw)}`)
  }
  return value
}

export const BENCH_PORT_BASE = number("BENCH_PORT_BASE", 9710)
export const BENCH_REDIS_DB = number("BENCH_REDIS_DB", 10)
export const BENCH_DB_PREFIX = process.env.BENCH_DB_PREFIX || "engagement_bench"
if (!/^[a-z_][a-z0-9_]{0,30}$/.test(BENCH_DB_PREFIX)) {
  throw new Error(
    `BENCH_DB_PREFIX: lower-case letters, digits and _ (at most 31), not ${JSON.stringify(BENCH_DB_PREFIX)}`
  )
}

/** Each bench's port: the topology runs use the ports after theirs for their workers. */
export const PORTS = {
  checkoutPlugin: BENCH_PORT_BASE + 1,
  checkoutBare: BENCH_PORT_BASE + 2,
  routes: BENCH_PORT_BASE + 3,
  reads: BENCH_PORT_BASE + 4,
  soak: BENCH_PORT_BASE + 11,
  topologyPlugin: BENCH_PORT_BASE + 21,
  topologyBare: BENCH_PORT_BASE + 31,
}

const redis = (offset: number) => `redis://127.0.0.1:6379/${BENCH_REDIS_DB + offset}`
export const REDIS_URLS = { soak: redis(0), topologyPlugin: redis(1), topologyBare: redis(2) }

/** A database name for one bench run: the prefix, a label, the process id. */
export const benchDatabase = (label: string) => `${BENCH_DB_PREFIX}_${label}_${process.pid}`
