import { ADVOCATE, REFEREE } from "./commands"
import { applyReversal, both, InvariantBroken } from "./checks"
import { refundShare, Sequence, Step, unitsBack } from "./sequence"

// The steps of a sequence that place, complete, cancel, return and refund orders.

/** A shopper places an order: its lines earn points (and the referee's first order the referral award). */
export async function orderStep(s: Sequence, cmd: Step<"order">, c: string): Promise<void> {
  const { model, orders } = s
  const order = s.placeOrder(c, cmd.lines)
  orders.push(order)
  model.orders.set(order.id, order)
  await s.earnOn(order)
}

/** A cart with points held is completed: its hold becomes the order's one redeem row, then the order earns. */
export async function completeStep(s: Sequence, cmd: Step<"complete">, c: string): Promise<void> {
  const { service, model, replays, orders, cartGeneration } = s
  const id = s.cartId(c, cmd.cart)
  const order = s.placeOrder(c, cmd.lines)
  const commit = () => service.commitLoyaltyReservation(id, order.id)
  const done = await both(`complete ${id} as ${order.id}`, commit, () => model.commit(id, order))
  if (!done.ok) {
    return // refused: the cart stays a cart
  }
  replays.push({ label: `commit ${id}`, run: commit })
  cartGeneration.set(`${c}:${cmd.cart}`, (cartGeneration.get(`${c}:${cmd.cart}`) ?? 0) + 1)
  orders.push(order)
  model.orders.set(order.id, order)
  await s.earnOn(order)
}

/** An order is canceled: its points are taken back, its redemption restored, a referral award it earned reversed. */
export async function cancelStep(s: Sequence, cmd: Step<"cancel">): Promise<void> {
  const { service, model, replays, orders } = s
  const order = orders.length ? orders[cmd.o % orders.length] : null
  if (!order) {
    return
  }
  const reversal = {
    customer_id: order.customer,
    order_id: order.id,
    key: `cancel:${order.id}`,
    returned: null,
    refunded: refundShare(order),
    restore_redemptions: true,
    reason: "order canceled",
  }
  const cancel = async () => {
    const reversed = await service.reverseLoyaltyOrder(reversal)
    const referral = await service.reverseReferralAward(order.id)
    return { reversed, referral }
  }
  await both(`cancel ${order.id}`, cancel, ({ reversed, referral }) => {
    applyReversal(model, order, reversal.key, true, reversed.results)
    if (order.redeem) {
      model.restore(order.customer, `restore:${order.redeem.key}`, order.redeem.key)
    }
    if (model.referral.status === "awarded" && model.referral.order === order.id) {
      if (!referral) {
        throw new InvariantBroken(`cancel ${order.id}: the referral award was not taken back`)
      }
      for (const [side, who] of [
        ["advocate", ADVOCATE],
        ["referee", REFEREE],
      ]) {
        const key = `referral:${model.referral.id}:${side}`
        const lot = model.lots.get(key)!
        model.debit(who, `cancel:${key}`, lot.points, { kind: "reverse", preferred: [key] })
      }
      model.referral.status = "reversed"
    }
    order.canceled = true
  })
  replays.push({ label: `cancel ${order.id}`, run: cancel })
}

/** Units of an order's line come back: the points they earned are taken back. */
export async function returnUnitsStep(s: Sequence, cmd: Step<"return">): Promise<void> {
  const { service, model, replays, orders } = s
  const order = orders.length ? orders[cmd.o % orders.length] : null
  if (!order || order.canceled) {
    return
  }
  const line = order.lines[cmd.line % order.lines.length]
  const returned = Math.min(line.quantity, line.returned + cmd.units)
  const key = `return:${order.id}:${line.line}:${returned}`
  const reversal = {
    customer_id: order.customer,
    order_id: order.id,
    key,
    returned: { ...unitsBack(order), [line.line]: returned },
    refunded: refundShare(order),
    restore_redemptions: false,
    reason: "items returned",
  }
  const run = () => service.reverseLoyaltyOrder(reversal)
  await both(`return ${returned} of ${order.id} ${line.line}`, run, (answer) => {
    line.returned = returned
    applyReversal(model, order, key, false, answer.results)
  })
  replays.push({ label: `return ${key}`, run })
}

/** Money is refunded on an order: the refunded share of what it earned is taken back. */
export async function refundStep(s: Sequence, cmd: Step<"refund">): Promise<void> {
  const { service, model, replays, orders } = s
  // money back on an order, canceled or not; never more than was captured
  const order = orders.length ? orders[cmd.o % orders.length] : null
  const left = order ? order.captured - order.refunded : 0
  if (!order || left <= 0) {
    return
  }
  const cents = Math.min(left, Math.max(1, Math.floor((order.captured * cmd.share) / 100)))
  s.refunds += 1
  const key = `refund:refund_${s.refunds}`
  const reversal = {
    customer_id: order.customer,
    order_id: order.id,
    key,
    returned: unitsBack(order),
    refunded: { ...refundShare(order), refunded: ((order.refunded + cents) / 100).toFixed(2) },
    // a refund gives back money only: the points that paid for part of the order stay spent
    restore_redemptions: false,
    reason: "payment refunded",
  }
  const run = () => service.reverseLoyaltyOrder(reversal)
  await both(`refund ${cents} cents of ${order.id}`, run, (answer) => {
    order.refunded += cents
    applyReversal(model, order, key, order.canceled, answer.results)
  })
  replays.push({ label: `refund ${key}`, run })
}
