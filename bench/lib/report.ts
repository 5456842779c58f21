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
