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
} from "../ledger/reservations"
import { LoyaltyServiceBase } from "./base"

/** Points held by carts: reserve, release, commit (the ledger side is `ledger/reservations.ts`). */
export class LoyaltyReservationMethods extends LoyaltyServiceBase {
  /** Holds points for a cart (replacing what it held); refused when they are not spendable. */
  @InjectTransactionManager()
  async reserveLoyaltyPoints(input: ReserveInput, @MedusaContext() sharedContext: Context<SqlEntityManager> = {}) {
    return await reservePoints(sharedContext.transactionManager!, input, await this.postContext_())
  }

  /** Gives a cart's held points back; returns what it held (null when nothing). */
  @InjectTransactionManager()
  async releaseLoyaltyReservation(cartId: string, @MedusaContext() sharedContext: Context<SqlEntityManager> = {}) {
    return await releaseReservation(sharedContext.transactionManager!, cartId)
  }

  /** The cart's held points become the order's one `redeem` row (once per cart). */
  @InjectTransactionManager()
  async commitLoyaltyReservation(
    cartId: string,
    orderId: string,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ) {
    return await commitReservation(sharedContext.transactionManager!, cartId, orderId, await this.postContext_())
  }

  @InjectManager()
  async retrieveCartReservation(cartId: string, @MedusaContext() sharedContext: Context<SqlEntityManager> = {}) {
    return (await reservationOf(sharedContext.manager!, cartId)) ?? null
  }

  @InjectManager()
  async listExpiredReservations(limit = 200, @MedusaContext() sharedContext: Context<SqlEntityManager> = {}) {
    return await expiredReservations(sharedContext.manager!, this.now_(), limit)
  }

  @InjectManager()
  async listHeldReservations(customerId: string, @MedusaContext() sharedContext: Context<SqlEntityManager> = {}) {
    return await reservationsOfCustomer(sharedContext.manager!, customerId)
  }
}
