/**
 * npm run bench:summary [-- --dir=bench/results] [--runs=3]: the newest three runs of `npm run bench`
 * (bench/results/*.json, as bench/run.ts writes them) as one markdown table: each figure's target,
 * its min / median / max over the runs, and in how many of them it passed.
 */
import fs from "node:fs"
import path from "node:path"
import { type BenchResult, markdownTable, newestResultFiles, summarize } from "./lib/summary"

const args = Object.fromEntries(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.replace(/^--/, "").split("=")
    return [key, value ?? "true"]
  })
)
const dir = path.resolve(String(args.dir ?? path.join(__dirname, "results")))
const count = Number(args.runs ?? 3)
if (!Number.isInteger(count) || count < 1) {
  console.error(`bench:summary: --runs=${args.runs}: a whole number of runs, at least 1`)
  process.exit(2)
}

const files = fs.existsSync(dir) ? newestResultFiles(fs.readdirSync(dir), count) : []
if (!files.length) {
  console.error(`bench:summary: no results in ${path.relative(process.cwd(), dir) || dir} (npm run bench writes them)`)
  process.exit(1)
}
const runs = files.map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as BenchResult)
const scales = [...new Set(runs.map(({ scale }) => scale))].join(", ")
console.log(
  `${runs.length} run${runs.length === 1 ? "" : "s"} (${runs.map(({ at }) => at).join(", ")}; scale ${scales})` +
    (runs.length < count ? `, fewer than the ${count} asked for` : "")
)
console.log("")
console.log(markdownTable(summarize(runs)))
