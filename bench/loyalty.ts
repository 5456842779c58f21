/**
 * The loyalty summary read with 1,000,000 ledger rows ÷ with 100, and with one account's own 100,000 ÷ 100, and the
 * transactions page with the account's own rows: runs `bench/loyalty-summary.ts` and reads its figures.
 */
import { spawnSync } from "node:child_process"
import path from "node:path"
import type { Figure } from "./lib/report"

export async function benchLoyalty(scale: number): Promise<Figure[]> {
  const result = spawnSync(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", path.join(__dirname, "loyalty-summary.ts")],
    {
      encoding: "utf8",
      env: {
        ...process.env,
        BENCH_READS: String(Math.max(200, Math.round(2000 * Math.min(1, scale)))),
        BENCH_OWN_ROWS: String(Math.max(1000, Math.round(100_000 * scale))),
      },
    }
  )
  const output = `${result.stdout}${result.stderr}`
  const ratio = /\n {2}ratio \(p50\): ([\d.]+)/.exec(output)
  const own = /own ratio \(p50\): ([\d.]+)/.exec(output)
  const ownRows = /one account of ([\d,]+) ÷ 100 ledger rows of its own/.exec(output)
  if (result.status !== 0 || !ratio || !own || !ownRows) {
    throw new Error(`bench/loyalty-summary.ts failed:\n${output}`)
  }
  const page = /page ratio \(p50\): ([\d.]+)/.exec(output)
  if (!page) {
    throw new Error(`bench/loyalty-summary.ts printed no page ratio:\n${output}`)
  }
  const p50s = [...output.matchAll(/p50 ([\d.]+) ms/g)].map((match) => match[1])
  // printed in this order: alone, among 1,000,000 (100 own rows), own rows; the page of 100 own rows, of the own rows
  const detail = (from: number, to: number) => (p50s.length === 5 ? `p50 ${p50s[from]} → ${p50s[to]} ms` : undefined)
  return [
    {
      name: "loyalty summary, 1,000,000 ÷ 100 ledger rows",
      value: Number(ratio[1]),
      compare: "<=",
      target: 1.2,
      detail: detail(0, 1),
    },
    {
      name: `loyalty summary, one account's own ${ownRows[1]} ÷ 100 ledger rows`,
      value: Number(own[1]),
      compare: "<=",
      target: 1.2,
      detail: detail(1, 2),
    },
    {
      name: `loyalty transactions page, one account's own ${ownRows[1]} ÷ 100 ledger rows`,
      value: Number(page[1]),
      compare: "<=",
      target: 1.2,
      detail: detail(3, 4),
    },
  ]
}
