/**
 * npm run bench [-- --only=outbox,growth,loyalty,checkout,routes,reads] [--scale=0.1];
 * npm run bench -- --soak [--topology[=workers]] [--scale=0.1]
 * Boots what each sub-bench needs itself (its own database on the PostgreSQL the tests use, the
 * platform stand-ins with a fixed latency), prints one table of ratios measured in this run with
 * their targets, and writes bench/results/<date>.json.
 */
import fs from "node:fs"
import path from "node:path"
import { printTable, passes, type Figure } from "./lib/report"

process.env.MEDUSA_DISABLE_TELEMETRY ??= "true"
process.env.LOG_LEVEL ??= "error"

const args = Object.fromEntries(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.replace(/^--/, "").split("=")
    return [key, value ?? "true"]
  })
)
const ALL = ["outbox", "growth", "loyalty", "checkout", "routes", "reads"]
// --soak runs the soak alone (minutes; not part of the default run)
const only = args.soak ? ["soak"] : args.only ? String(args.only).split(",") : ALL
const scale = Number(args.scale ?? 1)

async function main() {
  const figures: Figure[] = []
  const started = Date.now()
  for (const name of only) {
    if (!ALL.includes(name) && name !== "soak") {
      throw new Error(`--only: unknown sub-bench ${name} (one of ${ALL.join(", ")})`)
    }
    console.error(`== ${name}`)
    // "routes" is store-routes.ts: bench/routes.js is the older probe against a running demo
    const bench = require(`./${name === "routes" ? "store-routes" : name}`) as Record<
      string,
      (scale: number, options: Record<string, string>) => Promise<Figure[]>
    >
    const run = Object.values(bench).find((value) => typeof value === "function")!
    const result = await run(scale, args)
    for (const figure of result) {
      console.error(`   ${figure.name}: ${figure.value.toFixed(2)} ${figure.detail ?? ""}`)
    }
    figures.push(...result)
  }
  console.log("")
  printTable(figures)
  const outDir = path.join(__dirname, "results")
  fs.mkdirSync(outDir, { recursive: true })
  const file = path.join(outDir, `${new Date().toISOString().replace(/[:.]/g, "-")}.json`)
  const summary = {
    at: new Date().toISOString(),
    seconds: Math.round((Date.now() - started) / 1000),
    scale,
    figures: figures.map((figure) => ({ ...figure, pass: passes(figure) })),
  }
  fs.writeFileSync(file, JSON.stringify(summary, null, 2))
  console.log(`\nwritten: ${path.relative(process.cwd(), file)} (${summary.seconds} s)`)
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error)
    process.exit(1)
  })
