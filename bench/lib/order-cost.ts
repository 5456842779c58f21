/**
 * What the plugin adds to each order in the store's processes: SQL statements, transactions and CPU
 * time per checkout with the plugin minus without, over the timed checkouts (everything the
 * processes did meanwhile, the plugin's jobs included), and how much of it runs while the complete
 * call is answered rather than after its answer.
 */
import { minus, type Counts, type StoreCounters } from "./counters"
import type { Figure } from "./report"
import type { StoreServer } from "./store-server"
import { checkout } from "./storefront"

const perOrder = (counts: Counts, orders: number): Counts => ({
  statements: counts.statements / orders,
  transactions: counts.transactions / orders,
  cpu_ms: counts.cpu_ms / orders,
})

const describe = (counts: Counts) =>
  `${counts.statements.toFixed(1)} statements, ${counts.transactions.toFixed(1)} transactions, ${counts.cpu_ms.toFixed(1)} ms CPU`

/** Per checkout, with ÷ without: `totals` are each store's counts over `orders` timed checkouts. */
export function orderCostFigures(totals: [Counts, Counts], orders: number): Figure[] {
  const [ours, theirs] = totals.map((counts) => perOrder(counts, orders))
  const added = minus(ours, theirs)
  return [
    {
      name: "plugin's SQL statements per order (with − without)",
      value: added.statements,
      compare: "info",
      detail: `per checkout: with ${describe(ours)}; without ${describe(theirs)} (n ${orders} each, the stores' processes over the whole run: the minute jobs' idle ticks too, more of them the slower the run)`,
    },
    { name: "plugin's transactions per order (with − without)", value: added.transactions, compare: "info" },
    {
      name: "plugin's CPU per order in the store's processes (with − without)",
      value: added.cpu_ms,
      compare: "info",
      unit: "ms",
    },
  ]
}

/**
 * `samples` more checkouts on each store, one at a time with the store quiet before each: what its
 * processes did from just before the complete call to its answer, and after the answer until quiet.
 */
export async function overlapFigure(
  stores: StoreServer[],
  sessions: Record<string, string>[],
  counters: StoreCounters[],
  email: string,
  samples: number
): Promise<Figure> {
  const during: Counts[] = []
  const after: Counts[] = []
  for (const [index, store] of stores.entries()) {
    const sum = {
      during: { statements: 0, transactions: 0, cpu_ms: 0 },
      after: { statements: 0, transactions: 0, cpu_ms: 0 },
    }
    for (let i = 0; i < samples; i++) {
      await counters[index].settled(1000)
      let before: Counts = { statements: 0, transactions: 0, cpu_ms: 0 }
      await checkout(store, sessions[index], email, 100_000 + i, async () => {
        before = await counters[index].read()
      })
      const answered = await counters[index].read()
      const quiet = await counters[index].settled(1000)
      sum.during = plus(sum.during, minus(answered, before))
      sum.after = plus(sum.after, minus(quiet, answered))
    }
    during.push(perOrder(sum.during, samples))
    after.push(perOrder(sum.after, samples))
  }
  const added = minus(after[0], after[1])
  return {
    name: "plugin's work after the complete call answered, per order (with − without statements)",
    value: added.statements,
    compare: "info",
    detail:
      `n ${samples} each, store quiet before each; with: during the call ${describe(during[0])}, after ${describe(after[0])}; ` +
      `without: during ${describe(during[1])}, after ${describe(after[1])}`,
  }
}

const plus = (a: Counts, b: Counts): Counts => ({
  statements: a.statements + b.statements,
  transactions: a.transactions + b.transactions,
  cpu_ms: a.cpu_ms + b.cpu_ms,
})
