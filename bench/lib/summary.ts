import type { Figure } from "./report"

/** What bench/run.ts writes to bench/results/<date>.json. */
export interface BenchResult {
  at: string
  seconds: number
  scale: number
  figures: (Figure & { pass: boolean | null })[]
}

/** One figure over several runs: its target (the newest run's), its spread, and in how many runs it passed. */
export interface SummaryRow {
  name: string
  target: string
  min: string
  median: string
  max: string
  /** "3/3": passed in 3 of the 3 runs that judged it; empty for a figure printed only ("info") */
  passed: string
}

/**
 * The newest `count` result files of a folder's listing, oldest first. bench/run.ts names them by
 * their ISO time (`2026-12-07T05-16-34-123Z.json`), so the names sort as the runs did.
 */
export function newestResultFiles(names: string[], count = 3): string[] {
  return names
    .filter((name) => name.endsWith(".json"))
    .sort()
    .slice(-count)
}

export function median(values: number[]): number {
  if (!values.length) {
    throw new Error("median of no values")
  }
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

// as bench/lib/report.ts prints a value: a count with its unit, a ratio with two decimals
const format = (value: number, unit: string | undefined) => (unit ? `${value.toFixed(0)} ${unit}` : value.toFixed(2))

/** One row per figure, in the order the runs measured them (a figure only an older run has comes last). */
export function summarize(runs: BenchResult[]): SummaryRow[] {
  const byName = new Map<string, Figure[]>()
  const judged = new Map<string, (boolean | null)[]>()
  for (const run of [...runs].reverse()) {
    for (const { pass, ...figure } of run.figures) {
      byName.set(figure.name, [...(byName.get(figure.name) ?? []), figure])
      judged.set(figure.name, [...(judged.get(figure.name) ?? []), pass])
    }
  }
  return [...byName].map(([name, figures]) => {
    // newest first: the target is the one the newest run measured against
    const [newest] = figures
    const values = figures.map(({ value }) => value)
    const verdicts = judged.get(name)!.filter((pass): pass is boolean => pass !== null)
    const inRuns = figures.length < runs.length ? ` (in ${figures.length} of ${runs.length} runs)` : ""
    return {
      name,
      target: newest.compare === "info" || newest.target === undefined ? "" : `${newest.compare} ${newest.target}`,
      min: format(Math.min(...values), newest.unit),
      median: format(median(values), newest.unit),
      max: format(Math.max(...values), newest.unit),
      passed: verdicts.length ? `${verdicts.filter(Boolean).length}/${verdicts.length}${inRuns}` : "",
    }
  })
}

const cell = (text: string) => text.replace(/\|/g, "\\|")

/** The rows as one markdown table. */
export function markdownTable(rows: SummaryRow[]): string {
  const lines = [
    "| figure | target | min | median | max | passed |",
    "| --- | --- | ---: | ---: | ---: | --- |",
    ...rows.map(
      (row) => `| ${[row.name, row.target, row.min, row.median, row.max, row.passed].map(cell).join(" | ")} |`
    ),
  ]
  return lines.join("\n")
}
