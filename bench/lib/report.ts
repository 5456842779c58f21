import { MIN_SAMPLES, type Percentiles } from "./stats"

/** One figure of the bench: a ratio measured in the same run, against its target. */
export interface Figure {
  name: string
  value: number
  /** "<=" : the value must not exceed the target; ">=" : it must reach it; "info": printed only */
  compare: "<=" | ">=" | "info"
  target?: number
  unit?: string
  detail?: string
}

/**
 * A ratio of two percentiles against its target, or printed only ("info") when either side has too
 * few samples for that percentile to be a tail rather than the slowest few requests.
 */
export function percentileRatio(
  name: string,
  key: "p50" | "p95" | "p99",
  ours: Percentiles,
  theirs: Percentiles,
  target: number,
  detail: string
): Figure {
  const meaningful = key === "p50" || (ours.meaningful[key] && theirs.meaningful[key])
  return {
    name: `${name}, ${key}`,
    value: ours[key] / theirs[key],
    compare: meaningful ? "<=" : "info",
    target: meaningful ? target : undefined,
    detail: meaningful
      ? `n ${ours.n} and ${theirs.n}; ${detail}`
      : `n ${Math.min(ours.n, theirs.n)} < ${MIN_SAMPLES[key]}: not a ${key} yet (--scale to measure more); ${detail}`,
  }
}

export const passes = (figure: Figure) =>
  figure.compare === "info" || figure.target === undefined
    ? null
    : figure.compare === "<="
      ? figure.value <= figure.target
      : figure.value >= figure.target

export function printTable(figures: Figure[]): void {
  const rows = figures.map((figure) => {
    const pass = passes(figure)
    return [
      figure.name,
      `${figure.value.toFixed(figure.unit ? 0 : 2)}${figure.unit ? ` ${figure.unit}` : ""}`,
      figure.compare === "info" || figure.target === undefined ? "" : `${figure.compare} ${figure.target}`,
      pass === null ? "" : pass ? "pass" : "short",
      figure.detail ?? "",
    ]
  })
  const header = ["figure", "value", "target", "", "measured"]
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)))
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join("  ")
  console.log(line(header))
  console.log(widths.map((width) => "-".repeat(width)).join("  "))
  for (const row of rows) {
    console.log(line(row))
  }
}
