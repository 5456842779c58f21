import type LoyaltyModuleService from "../../../src/modules/loyalty/service"
import type { LoyaltyEntryInput } from "../../../src/modules/loyalty/types"
import { ADVOCATE, Command, OPTIONS, REFEREE } from "./commands"
import { both, InvariantBroken } from "./checks"
import { LedgerModel } from "./model"
import type { ModelOrder } from "./types"

/** One kind of command, as its step receives it. */
export type Step<T extends Command["t"]> = Extract<Command, { t: T }>

/** The money the order's refunds gave back in all and the money captured, as the reversal step reads it. */
export const refundShare = (order: ModelOrder) => ({
  refunded: (order.refunded / 100).toFixed(2),
  captured: (order.captured / 100).toFixed(2),
})

/** Every line's units back in all, as the reversal step reads them from the order. */
export const unitsBack = (order: ModelOrder) =>
  Object.fromEntries(order.lines.map((line) => [line.line, line.returned]))

/** One random sequence under way: the module, the model, and what its steps share. */
export class Sequence {
  /** every call that applied a key, to send again (a retried request, an event delivered twice) */
  readonly replays: { label: string; run: () => Promise<unknown> }[] = []
  readonly cartGeneration = new Map<string, number>()
  readonly orders: ModelOrder[] = []
  adjustments = 0
  refunds = 0

  constructor(
    readonly service: LoyaltyModuleService,
    readonly model: LedgerModel
  ) {}

  /** A shopper's cart: a new one once the last was completed. */
  cartId(c: string, index: number): string {
    return `cart_${c}_${index}_${this.cartGeneration.get(`${c}:${index}`) ?? 0}`
  }

  /** The order's earn rows, as the order-placed workflow writes them. */
  placeOrder(c: string, orderLines: [number, number][]): ModelOrder {
    return {
      id: `order_${this.orders.length + 1}`,
      customer: c,
      lines: orderLines.map(([points, quantity], i) => ({
        line: `line_${i + 1}`,
        points,
        quantity,
        returned: 0,
        reversed: 0,
      })),
      redeem: null,
      canceled: false,
      // what the shopper paid in money; the share a refund gives back is all that matters
      captured: orderLines.reduce((sum, [points, quantity]) => sum + points * quantity * 10, 0),
      refunded: 0,
    }
  }

  /** The order's points, and the referee's first order the referral award. */
  async earnOn(order: ModelOrder): Promise<void> {
    const { service, model, replays, orders } = this
    const entries: LoyaltyEntryInput[] = order.lines.map((line) => ({
      customer_id: order.customer,
      type: "earn",
      points: line.points,
      idempotency_key: `earn:${order.id}:${line.line}`,
      order_id: order.id,
      line_item_id: line.line,
      reason: "order placed",
      ...model.datesOfNewLot(),
      metadata: { quantity: line.quantity },
    }))
    const post = () => service.postLoyaltyEntries(entries)
    await both(`earn on ${order.id}`, post, () => {
      for (const entry of entries) {
        model.credit(order.customer, entry.idempotency_key, "earn", entry.points, {
          available_at: entry.available_at!,
          expires_at: entry.expires_at!,
        })
      }
    })
    replays.push({ label: `earn on ${order.id}`, run: post })
    if (order.customer === REFEREE && !orders.some((o) => o.customer === REFEREE && o !== order)) {
      const dates = model.datesOfNewLot()
      const award = () => service.awardReferral({ referee_customer_id: REFEREE, order_id: order.id, ...dates })
      await both(`referral award on ${order.id}`, award, (answer) => {
        if (model.referral.status !== "claimed" || !answer) {
          throw new InvariantBroken(`referral award on ${order.id}: the module answered ${JSON.stringify(answer)}`)
        }
        model.referral = { status: "awarded", id: answer.referral_id, order: order.id }
        model.credit(ADVOCATE, `referral:${answer.referral_id}:advocate`, "referral", OPTIONS.advocatePoints, dates)
        model.credit(REFEREE, `referral:${answer.referral_id}:referee`, "referral", OPTIONS.refereePoints, dates)
      })
      replays.push({ label: `referral award on ${order.id}`, run: award })
    }
  }
}
