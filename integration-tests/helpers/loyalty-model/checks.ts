import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import type LoyaltyModuleService from "../../../src/modules/loyalty/service"
import { CUSTOMERS } from "./commands"
import { LedgerModel } from "./model"
import { ModelLine, ModelOrder, ModelRefusal } from "./types"

/** A difference between the module and the model: the sequence fails, naming the invariant. */
export class InvariantBroken extends Error {}

interface LedgerRow {
  customer_id: string
  idempotency_key: string
  type: string
  order_id: string | null
  points: number
  lot_state: string | null
  lot_remaining: number | null
}

/** Every invariant, on the module's own answers, against the model. */
export async function checkInvariants(
  service: LoyaltyModuleService,
  manager: SqlEntityManager,
  model: LedgerModel,
  skip: Set<string>
) {
  const check = (name: string, ok: boolean, detail: () => string) => {
    if (!ok && !skip.has(name)) {
      throw new InvariantBroken(`invariant "${name}" broken: ${detail()}`)
    }
  }
  // the rows and holds read plainly (the ORM's listing costs several times a query here)
  const [differences, held, rows, summaries, counts] = await Promise.all([
    service.verifyLedger(),
    manager.execute<{ customer_id: string; points: number }[]>(
      `SELECT customer_id, points FROM loyalty_reservation WHERE status = 'held' AND deleted_at IS NULL`
    ),
    manager.execute<LedgerRow[]>(
      `SELECT customer_id, idempotency_key, type, order_id, points, lot_state, lot_remaining
         FROM loyalty_transaction WHERE deleted_at IS NULL`
    ),
    Promise.all(CUSTOMERS.map((c) => service.getLoyaltySummary(c))),
    // the transactions page's count, from the account's row counts
    Promise.all(CUSTOMERS.map((c) => service.countLoyaltyTransactions(c))),
  ])
  check("verify", differences.length === 0, () => `the ledger check reports ${JSON.stringify(differences)}`)
  for (const [index, c] of CUSTOMERS.entries()) {
    const summary = summaries[index]
    const account = model.account(c)
    const heldRows = held.filter((r) => r.customer_id === c).reduce((sum, r) => sum + r.points, 0)
    check(
      "reserved",
      summary.reserved === model.reserved(c) && heldRows === model.reserved(c),
      () => `${c}: reserved ${summary.reserved}, held reservations ${heldRows}, the model's holds ${model.reserved(c)}`
    )
    check(
      "pending",
      summary.pending === model.pending(c),
      () => `${c}: pending ${summary.pending}, the model's pending lots ${model.pending(c)}`
    )
    check(
      "balance",
      summary.balance === model.balance(c),
      () => `${c}: balance ${summary.balance}, the model's available lots less holds ${model.balance(c)}`
    )
    check(
      "never negative",
      summary.balance >= 0 && summary.pending >= 0 && summary.reserved >= 0 && summary.debt >= 0,
      () => `${c}: ${JSON.stringify(summary)}`
    )
    check(
      "debt",
      summary.debt === account.debt && summary.spending_blocked === account.blocked,
      () =>
        `${c}: debt ${summary.debt} blocked ${summary.spending_blocked}, the model's ${account.debt} ${account.blocked}`
    )
    const buckets = summary.expiring.map((bucket) => bucket.points)
    const total = buckets.reduce((sum, points) => sum + points, 0)
    check(
      "buckets",
      total === summary.balance,
      () =>
        `${c}: the expiry buckets ${JSON.stringify(buckets)} add up to ${total}, ` +
        `the balance is ${summary.balance}; points without expiry: ` +
        JSON.stringify(
          rows.filter((r) => r.customer_id === c && r.lot_remaining && r.lot_state !== "expired").map((r) => r.type)
        )
    )
    check(
      "bucket contents",
      JSON.stringify(buckets) === JSON.stringify(model.buckets(c)),
      () => `${c}: expiry buckets ${JSON.stringify(buckets)}, the model's ${JSON.stringify(model.buckets(c))}`
    )
    const mine = rows.filter((r) => r.customer_id === c)
    check(
      "rows",
      mine.length === model.rows.get(c) && counts[index] === mine.length,
      () => `${c}: ${mine.length} ledger rows (${counts[index]} counted), the model wrote ${model.rows.get(c)}`
    )
  }
  const keys = rows.map((r) => r.idempotency_key)
  const twice = keys.filter((key, i) => keys.indexOf(key) !== i)
  check("idempotency", twice.length === 0, () => `keys applied twice: ${twice.join(", ")}`)
  for (const row of rows.filter((r) => r.lot_state)) {
    const lot = model.lots.get(row.idempotency_key)
    const expected = lot ? `${lot.state} ${lot.remaining}` : "no lot"
    check(
      "lots",
      expected === `${row.lot_state} ${row.lot_remaining}`,
      () => `lot ${row.idempotency_key}: ${row.lot_state} ${row.lot_remaining}, the model's ${expected}`
    )
  }
  for (const order of model.orders.values()) {
    const redeems = rows.filter((r) => r.type === "redeem" && r.order_id === order.id).map((r) => r.points)
    const expected = order.redeem ? [-order.redeem.points] : []
    check(
      "one redeem row per completed redemption",
      JSON.stringify(redeems) === JSON.stringify(expected),
      () => `order ${order.id}: redeem rows ${JSON.stringify(redeems)}, its cart's hold ${JSON.stringify(expected)}`
    )
  }
}

/**
 * Runs the module's call and the model's step; both refuse or both accept. The model's step
 * gets the module's answer (a reversal's rows come in the module's order).
 */
export async function both<T>(
  label: string,
  system: () => Promise<T>,
  model: (answer: T) => void
): Promise<{ ok: true; answer: T } | { ok: false }> {
  let outcome: { ok: true; answer: T } | { ok: false; error: Error }
  try {
    outcome = { ok: true, answer: await system() }
  } catch (error) {
    outcome = { ok: false, error: error as Error }
  }
  let modelRefused: Error | null = null
  try {
    // a refusal changes nothing: the model refuses too, before changing anything
    model(outcome.ok ? outcome.answer : (undefined as T))
  } catch (error) {
    if (outcome.ok && !(error instanceof ModelRefusal)) {
      throw error
    }
    modelRefused = error as Error
  }
  if (outcome.ok === !!modelRefused) {
    throw new InvariantBroken(
      `invariant "same decision" broken: ${label}: the module ` +
        `${outcome.ok ? "accepted" : `refused (${outcome.error.message})`}, ` +
        `the model ${modelRefused ? `refuses (${modelRefused.message})` : "accepts"}`
    )
  }
  return outcome.ok ? outcome : { ok: false }
}

/**
 * A reversal's rows, in the module's order, against the model: together they take what the
 * model says is due (`dueOn`), none more than its line still holds, and the lines whose returned
 * units are not taken back yet come first. The model then debits each row as the module split it.
 */
export function applyReversal(
  model: LedgerModel,
  order: ModelOrder,
  key: string,
  cancel: boolean,
  results: { idempotency_key: string; applied: boolean; points: number; shortfall: number }[]
) {
  const due = model.dueOn(order, cancel)
  const rows = results.filter((r) => r.applied && r.idempotency_key.startsWith(`${key}:`))
  // what a row reversed: what it took from the balance and what it could not (a debt or written off)
  const byLine = new Map(rows.map((r) => [r.idempotency_key.slice(key.length + 1), -r.points + r.shortfall]))
  const broken = (what: string) =>
    new InvariantBroken(`invariant "reversal" broken: ${key}: ${what}; rows ${JSON.stringify([...byLine])}`)
  const total = [...byLine.values()].reduce((sum, points) => sum + points, 0)
  if (total !== due) {
    throw broken(`the module took ${total}, the model says ${due} is due`)
  }
  const deficit = (line: ModelLine) => Math.max(0, (cancel ? line.points : model.returnTarget(line)) - line.reversed)
  const allDeficitsMet = order.lines.every((line) => (byLine.get(line.line) ?? 0) >= deficit(line))
  for (const [name, points] of byLine) {
    const line = order.lines.find((l) => l.line === name)
    if (!line || points <= 0 || points > line.points - line.reversed) {
      throw broken(`${points} on ${name}, which still holds ${line ? line.points - line.reversed : "nothing"}`)
    }
    if (points > deficit(line) && !allDeficitsMet) {
      throw broken(`${name} gave more than its returned units while another line's were not taken back`)
    }
  }
  for (const [name, points] of byLine) {
    const line = order.lines.find((l) => l.line === name)!
    model.reverseLine(order, line, `${key}:${name}`, points)
  }
}
