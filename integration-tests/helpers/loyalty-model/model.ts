import { ModelLots } from "./lots"
import { ModelLine, ModelOrder, ModelRefusal } from "./types"

/** The whole ledger model: its lots and accounts (lots.ts), with holds, orders, blocks and the referral. */
export class LedgerModel extends ModelLots {
  readonly orders = new Map<string, ModelOrder>()
  readonly members = new Set<string>()
  referral: { status: "claimed" | "awarded" | "reversed"; id: string | null; order: string | null } = {
    status: "claimed",
    id: null,
    order: null,
  }
  private repayments = 0

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
}
