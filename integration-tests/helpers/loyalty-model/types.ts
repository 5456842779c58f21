/**
 * An in-memory model of the loyalty ledger for the model-based test
 * (integration-tests/modules/__tests__/loyalty-ledger-model.spec.ts): lots with what is left in
 * them, debits with the lots they took from, holds, orders, debt and blocks, written to the
 * ledger's rules as issue 22 states them. It says what the module must answer after each step;
 * it never reads the module.
 *
 * Rules it holds the module to (issue 22 items 1 and 4 are the new ones):
 * - pending points are never spendable and not in `balance`: they move to it once their date has
 *   passed (read time or the maintenance job, which the model runs on every clock step);
 * - every credit is a lot expiring after `expiryDays`, so the four expiry buckets add up to the
 *   spendable balance (held points out of the soonest-expiring lots, pending points apart);
 * - a debit takes the soonest-expiring available lots first (a reversal its own lots first, pending
 *   ones included), never points a cart holds; a reversal's shortfall is a debt that blocks spending;
 * - spendable credits repay a debt first; a key is applied once;
 * - an order's returns, refunds and cancel together take back the larger of what its returned
 *   units and its refunded money earned, never the same points twice (see `dueOn`).
 */
export const DAY = 86_400_000

export class ModelRefusal extends Error {}

export interface ModelLot {
  key: string
  customer: string
  type: "earn" | "adjust" | "referral" | "scheme_bonus"
  points: number
  remaining: number
  state: "pending" | "available" | "expired"
  available_at: number
  expires_at: number | null
  seq: number
}

export interface ModelAccount {
  debt: number
  blocked: boolean
  reason: string | null
}

export interface ModelReservation {
  customer: string
  points: number
  status: "held" | "released" | "committed"
  order: string | null
}

export interface ModelLine {
  line: string
  points: number
  quantity: number
  returned: number
  /** points reversed on the line so far: taken, owed or written off */
  reversed: number
}

export interface ModelOrder {
  id: string
  customer: string
  lines: ModelLine[]
  /** the key of the order's one redeem row and the points it took (a cart's hold) */
  redeem: { key: string; points: number } | null
  canceled: boolean
  /** the money captured for the order and refunded on it in all, in cents */
  captured: number
  refunded: number
}

export interface ModelOptions {
  customers: string[]
  start: number
  pendingDays: number
  expiryDays: number
  schemeBonus: number
  advocatePoints: number
  refereePoints: number
}
