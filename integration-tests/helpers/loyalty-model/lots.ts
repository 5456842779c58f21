import { DAY, ModelAccount, ModelLot, ModelOptions, ModelRefusal, ModelReservation } from "./types"

/**
 * The model's lots and accounts: what the module must answer (balances, holds, expiry buckets),
 * time, and the credits and debits every other step is made of. `LedgerModel` (model.ts) adds the
 * holds, orders and blocks.
 */
export class ModelLots {
  now: number
  readonly lots = new Map<string, ModelLot>()
  readonly debits = new Map<string, { customer: string; allocations: { lot: string; points: number }[] }>()
  readonly accounts = new Map<string, ModelAccount>()
  readonly reservations = new Map<string, ModelReservation>()
  /** ledger rows per customer */
  readonly rows = new Map<string, number>()
  readonly keys = new Set<string>()
  private seq = 0

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
  protected settle(customer: string): void {
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

  private addRow(customer: string): void {
    this.rows.set(customer, (this.rows.get(customer) ?? 0) + 1)
  }
}
