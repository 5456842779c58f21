import type { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { InjectManager, InjectTransactionManager, MedusaContext } from "@medusajs/framework/utils"
import {
  DeliveryBefore,
  deleteOrderTotals,
  eraseDeliveries,
  EraseDeliveriesInput,
  findErasureScope,
  putBackErasedDeliveries,
  restoreOrderTotals,
} from "./erase"
import { listErasedCustomers, resumeErasedCustomer, unresumeErasures } from "./erased-customers"

/**
 * The right to be forgotten, as far as this module's tables need raw SQL (see erase.ts); the erase
 * workflow (`workflows/privacy`) deletes the rest with the generated methods.
 */
export class Erasures {
  constructor(
    // the module's repository: the transaction decorator below opens its context on it
    protected readonly baseRepository_: unknown
  ) {}

  /** Which review requests, orders and checkouts are the shopper's (reads only). */
  @InjectManager()
  async findErasureScope(
    customerId: string,
    email: string | null,
    @MedusaContext() ctx: Context<SqlEntityManager> = {}
  ) {
    return await findErasureScope(ctx.manager!, customerId, email?.toLowerCase() ?? null)
  }

  /** Cancels, redacts and re-keys the shopper's outbox rows in one transaction; returns them as they were. */
  @InjectTransactionManager()
  async eraseDeliveries(input: EraseDeliveriesInput, @MedusaContext() ctx: Context<SqlEntityManager> = {}) {
    return await eraseDeliveries(ctx.transactionManager!, input)
  }

  /** Puts back the outbox rows `eraseDeliveries` changed, exactly as they were (its undo). */
  @InjectTransactionManager()
  async putBackErasedDeliveries(before: DeliveryBefore[], @MedusaContext() ctx: Context<SqlEntityManager> = {}) {
    await putBackErasedDeliveries(ctx.transactionManager!, before)
  }

  @InjectTransactionManager()
  async deleteOrderTotals(customerId: string, @MedusaContext() ctx: Context<SqlEntityManager> = {}) {
    return await deleteOrderTotals(ctx.transactionManager!, customerId)
  }

  @InjectTransactionManager()
  async restoreOrderTotals(rows: unknown[], @MedusaContext() ctx: Context<SqlEntityManager> = {}) {
    await restoreOrderTotals(ctx.transactionManager!, rows)
  }

  /** Of these customers, those erased who have not acted since (see erased-customers.ts): bulk paths skip them. */
  @InjectManager()
  async listErasedCustomers(customerIds: string[], @MedusaContext() ctx: Context<SqlEntityManager> = {}) {
    return await listErasedCustomers(ctx.manager!, customerIds)
  }

  /** The shopper changed their own profile: an erasure of theirs no longer holds back their contact. */
  @InjectTransactionManager()
  async resumeErasedCustomer(customerId: string, @MedusaContext() ctx: Context<SqlEntityManager> = {}) {
    return await resumeErasedCustomer(ctx.transactionManager!, customerId)
  }

  @InjectTransactionManager()
  async unresumeErasures(erasureIds: string[], @MedusaContext() ctx: Context<SqlEntityManager> = {}) {
    await unresumeErasures(ctx.transactionManager!, erasureIds)
  }
}
