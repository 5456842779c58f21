/** The loyalty summary read with 1,000,000 ledger rows ÷ with 100: runs `bench/loyalty-summary.ts` and reads its figures. */
import { spawnSync } from "node:child_process"
import path from "node:path"
import type { Figure } from "./lib/report"

export async function benchLoyalty(scale: number): Promise<Figure[]> {
  const result = spawnSync(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", path.join(__dirname, "loyalty-summary.ts")],
    {
      encoding: "utf8",
      env: { ...process.env, BENCH_READS: String(Math.max(200, Math.round(2000 * Math.min(1, scale)))) },
    }
  )
  const output = `${result.stdout}${result.stderr}`
  const ratio = /ratio \(p50\): ([\d.]+)/.exec(output)
  if (result.status !== 0 || !ratio) {
    throw new Error(`bench/loyalty-summary.ts failed:\n${output}`)
  }
  const p50s = [...output.matchAll(/p50 ([\d.]+) ms/g)].map((match) => match[1])
  return [
    {
      name: "loyalty summary, 1,000,000 ÷ 100 ledger rows",
      value: Number(ratio[1]),
      compare: "<=",
      target: 1.2,
      detail: p50s.length === 2 ? `p50 ${p50s[0]} → ${p50s[1]} ms` : undefined,
    },
  ]
}
