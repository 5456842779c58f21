/**
 * What a store's processes did, read from bench/lib/process-counters.mjs: SQL statements and
 * transactions sent through `pg`, and CPU time, summed over the store's processes.
 */
import fs from "node:fs"
import os from "node:os"
import path from "node:path"

export interface Counts {
  statements: number
  transactions: number
  cpu_ms: number
}

interface ProcessCounts extends Counts {
  seq: number
}

export interface StoreCounters {
  /** the environment that loads the counter into a store's processes */
  env: Record<string, string>
  /** asks each process for its counts now, and sums them */
  read(): Promise<Counts>
  /** reads until the statements stop moving for `quietMs` (the order work has ended), at most `maxMs` */
  settled(quietMs?: number, maxMs?: number): Promise<Counts>
  remove(): void
}

const PRELOAD = path.join(__dirname, "process-counters.mjs")

export function storeCounters(label: string): StoreCounters {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `engagement-bench-counters-${label}-`))
  const files = () => fs.readdirSync(dir).filter((name) => name.endsWith(".json"))
  const load = (name: string): ProcessCounts | null => {
    try {
      return JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")) as ProcessCounts
    } catch {
      return null
    }
  }
  const read = async (): Promise<Counts> => {
    const total: Counts = { statements: 0, transactions: 0, cpu_ms: 0 }
    for (const name of files()) {
      const before = load(name)
      const pid = Number(name.replace(".json", ""))
      try {
        process.kill(pid, "SIGUSR2")
      } catch {
        // an ended process (the seed's): its last counts stay as they were
        continue
      }
      let now = load(name)
      for (let waited = 0; before && now && now.seq <= before.seq && waited < 2000; waited += 2) {
        await new Promise((resolve) => setTimeout(resolve, 2))
        now = load(name)
      }
      if (now) {
        total.statements += now.statements
        total.transactions += now.transactions
        total.cpu_ms += now.cpu_ms
      }
    }
    return total
  }
  return {
    env: { NODE_OPTIONS: `--import ${PRELOAD}`, BENCH_COUNTERS_DIR: dir },
    read,
    async settled(quietMs = 1500, maxMs = 60_000) {
      const started = Date.now()
      let last = await read()
      let quietSince = Date.now()
      while (Date.now() - quietSince < quietMs && Date.now() - started < maxMs) {
        await new Promise((resolve) => setTimeout(resolve, 100))
        const now = await read()
        if (now.statements !== last.statements) {
          quietSince = Date.now()
        }
        last = now
      }
      return last
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  }
}

export const minus = (a: Counts, b: Counts): Counts => ({
  statements: a.statements - b.statements,
  transactions: a.transactions - b.transactions,
  cpu_ms: a.cpu_ms - b.cpu_ms,
})
