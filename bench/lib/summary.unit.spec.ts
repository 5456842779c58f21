import type { Figure } from "./report"
import { type BenchResult, markdownTable, median, newestResultFiles, summarize } from "./summary"

const run = (at: string, figures: (Figure & { pass: boolean | null })[]): BenchResult => ({
  at,
  seconds: 60,
  scale: 1,
  figures,
})
const ratio = (value: number, pass: boolean) => ({
  name: "checkout, p50",
  value,
  compare: "<=" as const,
  target: 1.5,
  pass,
})

describe("the bench summary", () => {
  it("takes the newest three result files by their time-stamped names, oldest first", () => {
    const names = [
      "2026-12-07T05-10-00-000Z.json",
      "2026-12-05T09-00-00-000Z.json",
      "notes.txt",
      "2026-12-07T04-00-00-000Z.json",
      "2026-12-06T23-59-59-999Z.json",
    ]
    expect(newestResultFiles(names)).toEqual([
      "2026-12-06T23-59-59-999Z.json",
      "2026-12-07T04-00-00-000Z.json",
      "2026-12-07T05-10-00-000Z.json",
    ])
    expect(newestResultFiles(names.slice(0, 2))).toEqual([
      "2026-12-05T09-00-00-000Z.json",
      "2026-12-07T05-10-00-000Z.json",
    ])
  })

  it("takes the middle value as the median, or the mean of the two middle ones", () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(() => median([])).toThrow("median of no values")
  })

  it("gives each figure its newest target, its min, median and max, and how many runs it passed", () => {
    const runs = [
      run("a", [ratio(1.6, false), { name: "deliveries", value: 1200, compare: "info", unit: "rows", pass: null }]),
      run("b", [ratio(1.2, true), { name: "deliveries", value: 1000, compare: "info", unit: "rows", pass: null }]),
      run("c", [
        { ...ratio(1.4, true), target: 1.45 },
        { name: "new figure", value: 2, compare: ">=", target: 1, pass: true },
      ]),
    ]
    expect(summarize(runs)).toEqual([
      { name: "checkout, p50", target: "<= 1.45", min: "1.20", median: "1.40", max: "1.60", passed: "2/3" },
      { name: "new figure", target: ">= 1", min: "2.00", median: "2.00", max: "2.00", passed: "1/1 (in 1 of 3 runs)" },
      { name: "deliveries", target: "", min: "1000 rows", median: "1100 rows", max: "1200 rows", passed: "" },
    ])
  })

  it("prints one markdown table, a row per figure, with a | in a name escaped", () => {
    const table = markdownTable(
      summarize([run("a", [{ ...ratio(1.2, true), name: "outbox | claim" }]), run("b", [ratio(1.3, true)])])
    )
    expect(table.split("\n")).toEqual([
      "| figure | target | min | median | max | passed |",
      "| --- | --- | ---: | ---: | ---: | --- |",
      "| checkout, p50 | <= 1.5 | 1.30 | 1.30 | 1.30 | 1/1 (in 1 of 2 runs) |",
      "| outbox \\| claim | <= 1.5 | 1.20 | 1.20 | 1.20 | 1/1 (in 1 of 2 runs) |",
    ])
  })
})
