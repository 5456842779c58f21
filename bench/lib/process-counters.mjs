/**
 * Loaded with `--import` into each bench store process (bench/lib/counters.ts): counts the SQL
 * statements and transactions the process sends through `pg`, and its CPU time, and writes them to
 * `$BENCH_COUNTERS_DIR/<pid>.json` when it starts and on each SIGUSR2 (with `seq`, the number of
 * signals answered), so the bench can tell what one order costs a store with the plugin and the same
 * store without it. Counting is a field increment per query: it costs both stores alike.
 *
 * `BENCH_SQL_LOG=<dir>` (a diagnosis, not for figures) also appends each statement's text, one line
 * each with the time and the last signal's `seq`, to `<dir>/<pid>.sql`: what a phase ran, by table.
 * `BENCH_STORE_PROF=<dir>` profiles the process's CPU from its start to its exit, written as
 * `<dir>/<pid>.cpuprofile` for Chrome's DevTools (the inspector answers synchronously in-thread).
 */
import fs from "node:fs"
import { createRequire } from "node:module"
import path from "node:path"
import { Session } from "node:inspector"

const dir = process.env.BENCH_COUNTERS_DIR
let pg = null
try {
  // the store's own pg (the bare store's node_modules is a symlink to the same folder)
  pg = createRequire(path.join(process.cwd(), "package.json"))("pg")
} catch {
  // a process without pg (the CLI's launcher) has nothing to count but its CPU
}
if (dir) {
  const counts = { statements: 0, transactions: 0 }
  const logDir = process.env.BENCH_SQL_LOG
  const log = logDir ? fs.createWriteStream(path.join(logDir, `${process.pid}.sql`), { flags: "a" }) : null
  if (pg) {
    const query = pg.Client.prototype.query
    pg.Client.prototype.query = function countedQuery(config, ...rest) {
      const text = typeof config === "string" ? config : config && config.text
      if (typeof text === "string") {
        counts.statements++
        if (log) {
          log.write(`${Date.now()} ${seq} ${text.replace(/\s+/g, " ").slice(0, 240)}\n`)
        }
        if (/^\s*(begin|start transaction)\b/i.test(text)) {
          counts.transactions++
        }
      }
      return query.call(this, config, ...rest)
    }
  }
  const file = path.join(dir, `${process.pid}.json`)
  let seq = 0
  const write = () => {
    const cpu = process.cpuUsage()
    // written whole under another name and renamed: the bench never reads half a file
    fs.writeFileSync(`${file}.tmp`, JSON.stringify({ ...counts, seq, cpu_ms: (cpu.user + cpu.system) / 1000 }))
    fs.renameSync(`${file}.tmp`, file)
  }
  write()
  process.on("SIGUSR2", () => {
    seq++
    write()
  })
}

const profDir = process.env.BENCH_STORE_PROF
if (profDir) {
  const session = new Session()
  session.connect()
  session.post("Profiler.enable")
  session.post("Profiler.start")
  process.on("exit", () => {
    session.post("Profiler.stop", (error, result) => {
      if (!error) {
        fs.mkdirSync(profDir, { recursive: true })
        fs.writeFileSync(path.join(profDir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile))
      }
    })
  })
}
