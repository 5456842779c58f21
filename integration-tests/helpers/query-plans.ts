/**
 * Reading PostgreSQL's plans (`EXPLAIN (ANALYZE, FORMAT JSON)`, or auto_explain's JSON) in tests
 * that hold a statement to the rows it reads.
 */
export type PlanNode = Record<string, any>

/** Every row a plan node and its children read: rows returned per loop, and rows read then thrown away. */
export const rowsTouched = (node: PlanNode): number =>
  (node["Actual Rows"] ?? 0) * (node["Actual Loops"] ?? 1) +
  (node["Rows Removed by Filter"] ?? 0) +
  (node["Rows Removed by Index Recheck"] ?? 0) +
  ((node.Plans as PlanNode[] | undefined) ?? []).reduce((sum, child) => sum + rowsTouched(child), 0)

/** The indexes a plan scans, by name. */
export const indexesOf = (node: PlanNode): string[] => [
  ...(node["Index Name"] ? [node["Index Name"] as string] : []),
  ...((node.Plans as PlanNode[] | undefined) ?? []).flatMap(indexesOf),
]
