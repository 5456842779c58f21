import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId, MedusaError } from "@medusajs/framework/utils"
import { runSql } from "../../../utils/sql"
import type { LoyaltyAccountRecord } from "../types"
import { repayDebtFromBalance, settleDebtBlock } from "./debt"
import { postEntries, PostEntriesContext } from "./post-entries"
import { matureLots } from "./release-lot"
import { settleTier } from "./tier-state"
import { allocationsOf, changeLots, ensureAccounts, lockAccounts, saveAccount } from "./queries"

export interface ReservationRecord {
  id: string
  cart_id: string
  customer_id: string
  points: number
  currency_code: string
  amount: string
  status: "held" | "committed" | "released"
  expires_at: Date
  order_id: string | null
}

export interface ReserveInput {
  customer_id: string
  cart_id: string
  points: number
  currency_code: string
  amount: string
  expires_at: Date
}

async function reservationOf(manager: SqlEntityManager, cartId: string): Promise<ReservationRecord | undefined> {
  const [row] = await runSql<ReservationRecord>(
    manager,
    `SELECT id, cart_id, customer_id, points, currency_code, amount, status, expires_at, order_id
       FROM loyalty_reservation WHERE cart_id = ? AND deleted_at IS NULL`,
    [cartId]
  )
  return row
}

function giveBack(account: LoyaltyAccountRecord, reservation: ReservationRecord | undefined) {
  if (reservation?.status === "held") {
    account.balance += reservation.points
    account.reserved -= reservation.points
  }
}

/**
 * Holds points for a cart under the account's lock: what the cart held before is given back
 * first (applying again replaces), then the new points move from the balance to `reserved`, so
 * two carts can never hold the same points. Refused (nothing changed) when they are more than
 * the spendable balance or spending is blocked. Returns what the cart held before.
 */
export async function reservePoints(manager: SqlEntityManager, input: ReserveInput, context: PostEntriesContext) {
  await ensureAccounts(manager, [input.customer_id])
  const [account] = await lockAccounts(manager, [input.customer_id])
  // points whose pending period is over are spendable now; pending ones never are
  await matureLots(manager, account, context.now)
  const previous = await reservationOf(manager, input.cart_id)
  if (previous && previous.status !== "held" && previous.status !== "released") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "cart: its points were already redeemed for an order")
  }
  if (previous && previous.customer_id !== input.customer_id) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "cart: its points belong to another customer")
  }
  if (account.spending_blocked) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "points: spending is blocked on this loyalty account")
  }
  giveBack(account, previous)
  // points a hold gives back repay what the account owes first
  await repayDebtFromBalance(manager, account)
  if (input.points > account.balance) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `points: ${input.points} is more than the spendable balance of ${account.balance}`
    )
  }
  account.balance -= input.points
  account.reserved += input.points
  await runSql(
    manager,
    `INSERT INTO loyalty_reservation (id, cart_id, account_id, customer_id, points, currency_code, amount, status, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'held', ?)
     ON CONFLICT (cart_id) WHERE deleted_at IS NULL DO UPDATE
        SET points = EXCLUDED.points, currency_code = EXCLUDED.currency_code, amount = EXCLUDED.amount,
            status = 'held', expires_at = EXCLUDED.expires_at, updated_at = now()`,
    [
      generateEntityId(undefined, "loyres"),
      input.cart_id,
      account.id,
      input.customer_id,
      input.points,
      input.currency_code,
      input.amount,
      input.expires_at,
    ]
  )
  settleDebtBlock(account)
  settleTier(account, context.tiers, context.now)
  await saveAccount(manager, account)
  return previous?.status === "held" ? previous : null
}

/**
 * Gives a cart's held points back to the balance (repaying a debt first); nothing when it holds
 * none. Returns what it held.
 */
export async function releaseReservation(manager: SqlEntityManager, cartId: string) {
  const existing = await reservationOf(manager, cartId)
  if (!existing || existing.status !== "held") {
    return null
  }
  const [account] = await lockAccounts(manager, [existing.customer_id])
  const held = await reservationOf(manager, cartId) // read again under the lock
  if (held?.status !== "held") {
    return null
  }
  giveBack(account, held)
  await repayDebtFromBalance(manager, account)
  await runSql(manager, `UPDATE loyalty_reservation SET status = 'released', updated_at = now() WHERE id = ?`, [
    held.id,
  ])
  await saveAccount(manager, account)
  return held
}

/**
 * Turns a cart's held points into one `redeem` row for its order (the soonest-expiring lots
 * first), once: the key is the cart. A cart whose hold was released meanwhile still pays for
 * the discount it got, from the balance (a shortfall is a debt).
 */
export async function commitReservation(
  manager: SqlEntityManager,
  cartId: string,
  orderId: string,
  context: PostEntriesContext
) {
  const existing = await reservationOf(manager, cartId)
  if (!existing || existing.status === "committed") {
    return null
  }
  await lockAccounts(manager, [existing.customer_id])
  const reservation = (await reservationOf(manager, cartId))!
  if (reservation.status === "committed") {
    return null
  }
  const held = reservation.status === "held"
  const { results } = await postEntries(
    manager,
    [
      {
        customer_id: reservation.customer_id,
        type: held ? "redeem" : "reverse",
        points: -reservation.points,
        idempotency_key: `redeem:${cartId}`,
        order_id: orderId,
        reason: held ? "redeemed at checkout" : "redeemed at checkout after the hold was released",
        from_reservation: held,
        metadata: { cart_id: cartId, amount: reservation.amount, currency_code: reservation.currency_code },
      },
    ],
    context
  )
  await runSql(
    manager,
    `UPDATE loyalty_reservation SET status = 'committed', order_id = ?, redeem_transaction_id = ?, updated_at = now() WHERE id = ?`,
    [orderId, results[0]?.transaction_id ?? null, reservation.id]
  )
  return reservation
}

/**
 * Undoes `commitReservation` of a held cart for `orderId` exactly (the checkout that committed it
 * failed after it): the redeem row and its allocations are soft-deleted (the aggregates' trigger
 * takes them off) and its key renamed so the cart can be redeemed again, the lots get their points
 * back, the account holds them for the cart again and the reservation is `held`. Nothing when the
 * cart's points were not committed for that order or were committed from a released hold.
 */
export async function uncommitReservation(manager: SqlEntityManager, cartId: string, orderId: string) {
  const existing = await reservationOf(manager, cartId)
  if (existing?.status !== "committed" || existing.order_id !== orderId) {
    return null
  }
  const [account] = await lockAccounts(manager, [existing.customer_id])
  const [reservation] = await runSql<{ id: string; status: string; order_id: string | null; redeem: string | null }>(
    manager,
    `SELECT r.id, r.status, r.order_id, t.id AS redeem
       FROM loyalty_reservation r
       LEFT JOIN loyalty_transaction t ON t.id = r.redeem_transaction_id AND t.type = 'redeem' AND t.deleted_at IS NULL
      WHERE r.cart_id = ? AND r.deleted_at IS NULL`,
    [cartId]
  )
  if (reservation?.status !== "committed" || reservation.order_id !== orderId || !reservation.redeem) {
    return null
  }
  const allocations = await allocationsOf(manager, reservation.redeem)
  await changeLots(
    manager,
    allocations.map((a) => ({ lot_id: a.lot_id, delta: a.points }))
  )
  const taken = allocations.reduce((sum, a) => sum + a.points, 0)
  for (const a of allocations) {
    if (a.state === "pending") {
      account.pending += a.points
    } else {
      account.reserved += a.points
    }
  }
  account.total_redeemed -= taken
  await runSql(manager, `UPDATE loyalty_allocation SET deleted_at = now() WHERE debit_id = ? AND deleted_at IS NULL`, [
    reservation.redeem,
  ])
  await runSql(
    manager,
    `UPDATE loyalty_transaction SET deleted_at = now(), idempotency_key = idempotency_key || ':undone:' || id
      WHERE id = ?`,
    [reservation.redeem]
  )
  await runSql(
    manager,
    `UPDATE loyalty_reservation SET status = 'held', order_id = NULL, redeem_transaction_id = NULL, updated_at = now()
      WHERE id = ?`,
    [reservation.id]
  )
  settleDebtBlock(account)
  await saveAccount(manager, account)
  return existing
}

/** Held reservations past their time (one page), for the release job. */
export async function expiredReservations(manager: SqlEntityManager, now: Date, limit: number) {
  return await runSql<{ cart_id: string; customer_id: string }>(
    manager,
    `SELECT cart_id, customer_id FROM loyalty_reservation WHERE status = 'held' AND expires_at <= ? AND deleted_at IS NULL
      ORDER BY expires_at LIMIT ?`,
    [now, limit]
  )
}

export async function reservationsOfCustomer(manager: SqlEntityManager, customerId: string) {
  return await runSql<ReservationRecord>(
    manager,
    `SELECT id, cart_id, customer_id, points, currency_code, amount, status, expires_at, order_id
       FROM loyalty_reservation WHERE customer_id = ? AND status = 'held' AND deleted_at IS NULL ORDER BY created_at`,
    [customerId]
  )
}

export { reservationOf }
