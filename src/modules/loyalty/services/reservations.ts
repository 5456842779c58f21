import type { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { InjectManager, InjectTransactionManager, MedusaContext } from "@medusajs/framework/utils"
import {
  commitReservation,
  expiredReservations,
  releaseReservation,
  reservationOf,
  reservationsOfCustomer,
  reservePoints,
  ReserveInput,
  uncommitReservation,
} from "../ledger/reservations"
import { LoyaltyConcern } from "./concern"

type Ctx = Context<SqlEntityManager>

/** Points held by carts: reserve, release, commit (the ledger side is `ledger/reservations.ts`). */
export class LoyaltyReservations extends LoyaltyConcern {
  /** Holds points for a cart (replacing what it held); refused when they are not spendable. */
  @InjectTransactionManager()
  async reserveLoyaltyPoints(input: ReserveInput, @MedusaContext() ctx: Ctx = {}) {
    return await reservePoints(ctx.transactionManager!, input, await this.settings_.postContext())
  }

  /** Gives a cart's held points back; returns what it held (null when nothing). */
  @InjectTransactionManager()
  async releaseLoyaltyReservation(cartId: string, @MedusaContext() ctx: Ctx = {}) {
    return await releaseReservation(ctx.transactionManager!, cartId)
  }

  /** The cart's held points become the order's one `redeem` row (once per cart). */
  @InjectTransactionManager()
  async commitLoyaltyReservation(cartId: string, orderId: string, @MedusaContext() ctx: Ctx = {}) {
    return await commitReservation(ctx.transactionManager!, cartId, orderId, await this.settings_.postContext())
  }

  /** Undoes the commit of a cart's held points for `orderId` (its checkout failed after it); null when there was none. */
  @InjectTransactionManager()
  async uncommitLoyaltyReservation(cartId: string, orderId: string, @MedusaContext() ctx: Ctx = {}) {
    return await uncommitReservation(ctx.transactionManager!, cartId, orderId)
  }

  @InjectManager()
  async retrieveCartReservation(cartId: string, @MedusaContext() ctx: Ctx = {}) {
    return (await reservationOf(ctx.manager!, cartId)) ?? null
  }

  @InjectManager()
  async listExpiredReservations(limit = 200, @MedusaContext() ctx: Ctx = {}) {
    return await expiredReservations(ctx.manager!, this.settings_.now(), limit)
  }

  @InjectManager()
  async listHeldReservations(customerId: string, @MedusaContext() ctx: Ctx = {}) {
    return await reservationsOfCustomer(ctx.manager!, customerId)
  }
}
