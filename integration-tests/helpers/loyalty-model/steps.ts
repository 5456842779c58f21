import type { LoyaltyEntryInput } from "../../../src/modules/loyalty/types"
import { Command, CUSTOMERS, OPTIONS } from "./commands"
import { both } from "./checks"
import { cancelStep, completeStep, orderStep, refundStep, returnUnitsStep } from "./order-steps"
import type { Sequence, Step } from "./sequence"
import { DAY } from "./types"

/** Runs one command on the module and on the model (`c`: the command's shopper, if it has one). */
export async function runStep(s: Sequence, cmd: Command): Promise<void> {
  const c = "c" in cmd ? CUSTOMERS[cmd.c] : ""
  switch (cmd.t) {
    case "order":
      return await orderStep(s, c, cmd)
    case "complete":
      return await completeStep(s, c, cmd)
    case "cancel":
      return await cancelStep(s, cmd)
    case "return":
      return await returnUnitsStep(s, cmd)
    case "refund":
      return await refundStep(s, cmd)
    case "reserve":
      return await reserveStep(s, c, cmd)
    case "release":
      return await releaseStep(s, c, cmd)
    case "advance":
      return await advanceStep(s, cmd)
    case "expire":
      return await expireStep(s, cmd)
    case "adjust":
      return await adjustStep(s, c, cmd)
    case "block":
      return await blockStep(s, c, cmd)
    case "join":
      return await joinStep(s, c, cmd)
    case "leave":
      return await leaveStep(s, c, cmd)
    case "replay":
      return await replayStep(s, cmd)
  }
}

/** A shopper holds a share of what is spendable for a cart (some ask for more than there is). */
export async function reserveStep(s: Sequence, c: string, cmd: Step<"reserve">): Promise<void> {
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
export async function releaseStep(s: Sequence, c: string, cmd: Step<"release">): Promise<void> {
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
export async function expireStep(s: Sequence, _cmd: Step<"expire">): Promise<void> {
  const { service, model } = s
  model.expire()
  await service.expireLots()
}

/** An admin credits points, or debits a share of what is spendable. */
export async function adjustStep(s: Sequence, c: string, cmd: Step<"adjust">): Promise<void> {
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
export async function blockStep(s: Sequence, c: string, cmd: Step<"block">): Promise<void> {
  const { service, model } = s
  await both(
    `${cmd.blocked ? "block" : "unblock"} ${c}`,
    () => service.setSpendingBlocked(c, cmd.blocked, "model"),
    () => model.block(c, cmd.blocked)
  )
}

/** A shopper joins the club: the sign-up bonus, once ever. */
export async function joinStep(s: Sequence, c: string, _cmd: Step<"join">): Promise<void> {
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
export async function leaveStep(s: Sequence, c: string, _cmd: Step<"leave">): Promise<void> {
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
