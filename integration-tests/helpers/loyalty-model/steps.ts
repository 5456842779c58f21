import type { LoyaltyEntryInput } from "../../../src/modules/loyalty/types"
import { Command, CUSTOMERS, OPTIONS } from "./commands"
import { both } from "./checks"
import { cancelStep, completeStep, orderStep, refundStep, returnUnitsStep } from "./order-steps"
import type { Sequence, Step } from "./sequence"
import { DAY } from "./types"

/** The step of each kind of command: `cmd` the command, `c` its shopper (if it has one). */
const STEPS: { [T in Command["t"]]: (s: Sequence, cmd: Step<T>, c: string) => Promise<void> } = {
  order: orderStep,
  complete: completeStep,
  cancel: cancelStep,
  return: returnUnitsStep,
  refund: refundStep,
  reserve: reserveStep,
  release: releaseStep,
  advance: advanceStep,
  expire: expireStep,
  adjust: adjustStep,
  block: blockStep,
  join: joinStep,
  leave: leaveStep,
  replay: replayStep,
}

/** Runs one command on the module and on the model. */
export async function runStep(s: Sequence, cmd: Command): Promise<void> {
  // TypeScript does not tie `STEPS[cmd.t]` to `cmd`'s own kind: the table's type above does
  const step = STEPS[cmd.t] as (s: Sequence, cmd: Command, c: string) => Promise<void>
  await step(s, cmd, "c" in cmd ? CUSTOMERS[cmd.c] : "")
}

/** A shopper holds a share of what is spendable for a cart (some ask for more than there is). */
export async function reserveStep(s: Sequence, cmd: Step<"reserve">, c: string): Promise<void> {
  const { service, model } = s
  const id = s.cartId(c, cmd.cart)
  const heldOnCart = model.reservations.get(id)?.status === "held" ? model.reservations.get(id)!.points : 0
  const points = Math.max(1, Math.floor(((model.balance(c) + heldOnCart) * cmd.share) / 100))
  await both(
    `reserve ${points} on ${id}`,
    () =>
      service.reserveLoyaltyPoints({
        customer_id: c,
        cart_id: id,
        points,
        currency_code: "eur",
        amount: (points / 100).toFixed(2),
        expires_at: new Date(model.now + DAY),
      }),
    () => model.reserve(c, id, points)
  )
}

/** A cart gives its hold back. */
export async function releaseStep(s: Sequence, cmd: Step<"release">, c: string): Promise<void> {
  const { service, model } = s
  const id = s.cartId(c, cmd.cart)
  await both(
    `release ${id}`,
    () => service.releaseLoyaltyReservation(id),
    () => model.release(id)
  )
}

/** Time moves on: pending points mature (the maintenance job runs). */
export async function advanceStep(s: Sequence, cmd: Step<"advance">): Promise<void> {
  const { service, model } = s
  model.advance(cmd.days)
  await service.releaseMaturedLots()
}

/** The maintenance job expires overdue lots. */
export async function expireStep(s: Sequence): Promise<void> {
  const { service, model } = s
  model.expire()
  await service.expireLots()
}

/** An admin credits points, or debits a share of what is spendable. */
export async function adjustStep(s: Sequence, cmd: Step<"adjust">, c: string): Promise<void> {
  const { service, model, replays } = s
  const points = cmd.take === null ? cmd.points : -Math.max(1, Math.floor((model.balance(c) * cmd.take) / 100))
  s.adjustments += 1
  const key = `adjust:model-${s.adjustments}`
  const dates = model.datesOfNewLot(0)
  const entry: LoyaltyEntryInput = {
    customer_id: c,
    type: "adjust",
    points,
    idempotency_key: key,
    reason: "model",
    actor_type: "user",
    actor_id: "admin",
    expires_at: points > 0 ? dates.expires_at : null,
  }
  const run = () => service.postLoyaltyEntries([entry])
  const done = await both(`adjust ${points} for ${c}`, run, () =>
    points > 0
      ? model.credit(c, key, "adjust", points, {
          available_at: new Date(model.now),
          expires_at: dates.expires_at,
        })
      : model.debit(c, key, -points, { kind: "adjust" })
  )
  if (done.ok) {
    replays.push({ label: `adjust ${key}`, run })
  }
}

/** An admin blocks or unblocks spending. */
export async function blockStep(s: Sequence, cmd: Step<"block">, c: string): Promise<void> {
  const { service, model } = s
  await both(
    `${cmd.blocked ? "block" : "unblock"} ${c}`,
    () => service.setSpendingBlocked(c, cmd.blocked, "model"),
    () => model.block(c, cmd.blocked)
  )
}

/** A shopper joins the club: the sign-up bonus, once ever. */
export async function joinStep(s: Sequence, _cmd: Step<"join">, c: string): Promise<void> {
  const { service, model } = s
  await both(
    `${c} joins the club`,
    () => service.joinRewardScheme({ customer_id: c, scheme_id: "club", email: null }),
    () => {
      if (!model.members.has(c)) {
        model.members.add(c)
        // the sign-up bonus, once ever: a lot expiring like earned points, spendable at once
        model.credit(c, `scheme_bonus:club:${c}`, "scheme_bonus", OPTIONS.schemeBonus, {
          available_at: new Date(model.now),
          expires_at: new Date(model.now + OPTIONS.expiryDays * DAY),
        })
      }
    }
  )
}

/** A shopper leaves the club. */
export async function leaveStep(s: Sequence, _cmd: Step<"leave">, c: string): Promise<void> {
  const { service, model } = s
  await both(
    `${c} leaves the club`,
    () => service.leaveRewardScheme(c, "club"),
    () => model.members.delete(c)
  )
}

/** A retried request or an event delivered twice: the same keys change nothing. */
export async function replayStep(s: Sequence, cmd: Step<"replay">): Promise<void> {
  const { replays } = s
  // a retried request or an event delivered twice: the same keys change nothing
  const replay = replays.length ? replays[cmd.i % replays.length] : null
  if (replay) {
    await replay.run()
  }
}
