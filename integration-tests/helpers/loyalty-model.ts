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

interface ModelAccount {
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

export class LedgerModel {
  now: number
  readonly lots = new Map<string, ModelLot>()
  readonly debits = new Map<string, { customer: string; allocations: { lot: string; points: number }[] }>()
  readonly accounts = new Map<string, ModelAccount>()
  readonly reservations = new Map<string, ModelReservation>()
  readonly orders = new Map<string, ModelOrder>()
  /** ledger rows per customer */
  readonly rows = new Map<string, number>()
  readonly keys = new Set<string>()
  readonly members = new Set<string>()
  referral: { status: "claimed" | "awarded" | "reversed"; id: string | null; order: string | null } = {
    status: "claimed",
    id: null,
    order: null,
  }
  private seq = 0
  private repayments = 0

  constructor(readonly options: ModelOptions) {
    this.now = options.start
    for (const customer of options.customers) {
      this.accounts.set(customer, { debt: 0, blocked: false, reason: null })
      this.rows.set(customer, 0)
    }
  }

  // ---- what the module must answer

  reserved(customer: string): number {
    return [...this.reservations.values()]
      .filter((r) => r.customer === customer && r.status === "held")
      .reduce((sum, r) => sum + r.points, 0)
  }

  balance(customer: string): number {
    return this.openLots(customer, "available").reduce((sum, lot) => sum + lot.remaining, 0) - this.reserved(customer)
  }

  pending(customer: string): number {
    return this.openLots(customer, "pending").reduce((sum, lot) => sum + lot.remaining, 0)
  }

  account(customer: string): ModelAccount {
    return this.accounts.get(customer)!
  }

  /**
   * The spendable balance by expiry: 0–30, 30–60, 60–90 and 90+ days (overdue ones in the first).
   * Points a cart holds come out of the soonest-expiring lots first; pending points are not in them.
   */
  buckets(customer: string): number[] {
    const buckets = [0, 0, 0, 0]
    let held = this.reserved(customer)
    const lots = this.openLots(customer, "available").sort(
      (a, b) => (a.expires_at ?? Infinity) - (b.expires_at ?? Infinity)
    )
    for (const lot of lots) {
      const taken = Math.min(held, lot.remaining)
      held -= taken
      const left = lot.remaining - taken
      // whole UTC days from today to the lot's day of expiry, 30 to a bucket
      const bucket =
        lot.expires_at === null ? 3 : Math.floor((Math.floor(lot.expires_at / DAY) - Math.floor(this.now / DAY)) / 30)
      buckets[Math.max(0, Math.min(3, bucket))] += left
    }
    return buckets
  }

  openLots(customer: string, state?: "pending" | "available"): ModelLot[] {
    return [...this.lots.values()].filter(
      (lot) =>
        lot.customer === customer &&
        lot.remaining > 0 &&
        (state ? lot.state === state : lot.state === "available" || lot.state === "pending")
    )
  }

  // ---- time

  /** A later credit's dates: unique to the millisecond, so the order lots are consumed in is the model's. */
  datesOfNewLot(pendingDays = this.options.pendingDays): { available_at: Date; expires_at: Date } {
    this.seq += 1
    return {
      available_at: new Date(this.now + pendingDays * DAY + this.seq),
      expires_at: new Date(this.now + this.options.expiryDays * DAY + this.seq),
    }
  }

  /** The clock moves on and matured pending lots become spendable (repaying a debt first). */
  advance(days: number): void {
    this.now += days * DAY
    const matured = [...this.lots.values()]
      .filter((lot) => lot.state === "pending" && lot.available_at <= this.now)
      .sort((a, b) => a.available_at - b.available_at)
    for (const lot of matured) {
      lot.state = "available"
      this.repay(lot, `release:${lot.key}:repay`)
    }
  }

  /** The maintenance job's expiry: what is left of overdue lots, except on accounts holding points for a cart. */
  expire(): void {
    for (const lot of [...this.lots.values()]) {
      const open = lot.remaining > 0 && (lot.state === "available" || lot.state === "pending")
      if (open && lot.expires_at !== null && lot.expires_at <= this.now && this.reserved(lot.customer) === 0) {
        this.debit(lot.customer, `expire:${lot.key}`, lot.remaining, { preferred: [lot.key], kind: "expire" })
        lot.state = "expired"
      }
    }
  }

  // ---- credits and debits

  /** A new lot; false when its key was applied before. */
  credit(
    customer: string,
    key: string,
    type: ModelLot["type"],
    points: number,
    dates: { available_at: Date; expires_at: Date | null }
  ): boolean {
    if (this.keys.has(key)) {
      return false
    }
    this.keys.add(key)
    this.addRow(customer)
    const availableAt = dates.available_at.getTime()
    const lot: ModelLot = {
      key,
      customer,
      type,
      points,
      remaining: points,
      state: availableAt > this.now ? "pending" : "available",
      available_at: availableAt,
      expires_at: dates.expires_at?.getTime() ?? null,
      seq: this.lots.size,
    }
    this.lots.set(key, lot)
    if (lot.state === "available") {
      this.repay(lot, `${key}:repay`)
    }
    return true
  }

  private repay(lot: ModelLot, key: string): void {
    const account = this.account(lot.customer)
    if (account.debt <= 0) {
      return
    }
    const repay = Math.min(account.debt, lot.remaining)
    if (repay > 0) {
      lot.remaining -= repay
      account.debt -= repay
      this.keys.add(key)
      this.addRow(lot.customer)
      this.debits.set(key, { customer: lot.customer, allocations: [{ lot: lot.key, points: repay }] })
    }
    this.settle(lot.customer)
  }

  /**
   * A debt blocks spending only while the points held on carts do not cover it (held points are
   * the shopper's own; releasing a hold repays the debt first); an admin's block is left alone.
   */
  private settle(customer: string): void {
    const account = this.account(customer)
    if (account.debt > this.reserved(customer)) {
      if (!account.blocked) {
        account.blocked = true
        account.reason = "debt"
      }
    } else if (account.reason === "debt") {
      account.blocked = false
      account.reason = null
    }
  }

  /** What a hold gives back repays the debt first, from the spendable balance, as a row of its own. */
  private repayFromBalance(customer: string): void {
    const account = this.account(customer)
    const repay = Math.min(account.debt, this.balance(customer))
    if (repay > 0) {
      this.repayments += 1
      this.debit(customer, `debt_repayment:model-${this.repayments}`, repay, { kind: "adjust" })
      account.debt -= repay
    }
    this.settle(customer)
  }

  /**
   * Takes `wanted` points; refused (ModelRefusal, nothing changed) when the module must refuse.
   * Returns the shortfall (a reversal's points no lot holds any more).
   */
  debit(
    customer: string,
    key: string,
    wanted: number,
    how: { kind: "redeem" | "adjust" | "reverse" | "expire"; preferred?: string[]; fromReservation?: number }
  ): number {
    if (this.keys.has(key)) {
      return 0
    }
    const account = this.account(customer)
    const reversal = how.kind === "reverse" || how.kind === "expire"
    const reserved = this.reserved(customer)
    if (how.fromReservation === undefined && !reversal && wanted > this.balance(customer)) {
      throw new ModelRefusal(`points: ${wanted} is more than the spendable balance`)
    }
    if (how.kind === "redeem" && account.blocked) {
      throw new ModelRefusal("points: spending is blocked")
    }
    const preferred = new Set(how.preferred ?? [])
    const byConsumption = (a: ModelLot, b: ModelLot) =>
      (a.expires_at ?? Infinity) - (b.expires_at ?? Infinity) || a.seq - b.seq
    const lots = this.openLots(customer)
    const order = [
      ...lots.filter((lot) => preferred.has(lot.key)).sort(byConsumption),
      ...lots.filter((lot) => !preferred.has(lot.key) && lot.state === "available").sort(byConsumption),
    ]
    // points a cart holds sit in the available lots: only that cart's redemption may take them
    let availableLeft = how.fromReservation !== undefined ? reserved : this.balance(customer)
    let left = wanted
    const allocations: { lot: string; points: number }[] = []
    for (const lot of order) {
      const take = Math.min(lot.remaining, left, lot.state === "available" ? availableLeft : Infinity)
      if (take > 0) {
        lot.remaining -= take
        left -= take
        if (lot.state === "available") {
          availableLeft -= take
        }
        allocations.push({ lot: lot.key, points: take })
      }
    }
    if (left > 0 && how.kind === "reverse") {
      account.debt += left
    }
    this.keys.add(key)
    this.addRow(customer)
    this.debits.set(key, { customer, allocations })
    this.settle(customer)
    return left
  }

  /** A debit's points back into the lots they came from (those expired since stay expired). */
  restore(customer: string, key: string, debitKey: string): void {
    if (this.keys.has(key)) {
      return
    }
    this.keys.add(key)
    this.addRow(customer)
    for (const allocation of this.debits.get(debitKey)?.allocations ?? []) {
      const lot = this.lots.get(allocation.lot)!
      if (lot.state !== "expired") {
        lot.remaining += allocation.points
      }
    }
  }

  // ---- holds, orders, blocks

  /** Holds points for a cart (replacing its hold), or refuses as the module must. */
  reserve(customer: string, cart: string, points: number): void {
    const previous = this.reservations.get(cart)
    if (previous?.status === "committed") {
      throw new ModelRefusal("cart: its points were already redeemed")
    }
    if (this.account(customer).blocked) {
      throw new ModelRefusal("points: spending is blocked")
    }
    const heldBefore = previous?.status === "held" ? previous.points : 0
    // the previous hold goes back and repays the debt first (refused: nothing of it stays)
    const spendable = this.balance(customer) + heldBefore
    if (points > spendable - Math.min(this.account(customer).debt, spendable)) {
      throw new ModelRefusal(`points: ${points} is more than the spendable balance`)
    }
    if (previous?.status === "held") {
      previous.status = "released"
    }
    this.repayFromBalance(customer)
    this.reservations.set(cart, { customer, points, status: "held", order: null })
    this.settle(customer)
  }

  release(cart: string): void {
    const reservation = this.reservations.get(cart)
    if (reservation?.status === "held") {
      reservation.status = "released"
      this.repayFromBalance(reservation.customer)
    }
  }

  /**
   * The cart's hold becomes the order's one `redeem` row (a hold released meanwhile is still paid
   * for, from the balance, as a reversal). Refused while spending is blocked.
   */
  commit(cart: string, order: ModelOrder): void {
    const reservation = this.reservations.get(cart)
    if (!reservation || reservation.status === "committed") {
      return
    }
    const key = `redeem:${cart}`
    if (reservation.status === "held") {
      // its completion was allowed (a block is decided there): the held points are spent
      this.debit(reservation.customer, key, reservation.points, { kind: "redeem", fromReservation: reservation.points })
      order.redeem = { key, points: reservation.points }
    } else {
      this.debit(reservation.customer, key, reservation.points, { kind: "reverse" })
    }
    reservation.status = "committed"
    reservation.order = order.id
  }

  block(customer: string, blocked: boolean): void {
    const account = this.account(customer)
    const owes = account.debt > this.reserved(customer)
    account.blocked = blocked || owes
    account.reason = blocked ? "model" : owes ? "debt" : null
  }

  /**
   * What a reversal of the order must take back in all: the order gives back the larger of its
   * two measures of money returned — the units back per line (everything on a cancel) and the
   * refunded share of the money captured, over the whole order — less what it gave back before.
   * A line's return target is floor(points × units back ÷ quantity), all of it once every unit is
   * back; the refund target floor(earned × refunded ÷ captured), all of it on a full refund.
   */
  dueOn(order: ModelOrder, cancel: boolean): number {
    const earned = order.lines.reduce((sum, line) => sum + line.points, 0)
    const already = order.lines.reduce((sum, line) => sum + line.reversed, 0)
    const returns = order.lines.reduce((sum, line) => sum + (cancel ? line.points : this.returnTarget(line)), 0)
    let refund = 0
    if (order.refunded > 0 && order.captured > 0) {
      refund = order.refunded >= order.captured ? earned : Math.floor((earned * order.refunded) / order.captured)
    }
    return Math.max(0, Math.max(refund, returns) - already)
  }

  returnTarget(line: ModelLine): number {
    const units = Math.min(line.returned, line.quantity)
    return units >= line.quantity ? line.points : Math.floor((line.points * units) / line.quantity)
  }

  reverseLine(order: ModelOrder, line: ModelLine, key: string, points: number): void {
    this.debit(order.customer, key, points, { kind: "reverse", preferred: [`earn:${order.id}:${line.line}`] })
    line.reversed += points
  }

  private addRow(customer: string): void {
    this.rows.set(customer, (this.rows.get(customer) ?? 0) + 1)
  }
}
