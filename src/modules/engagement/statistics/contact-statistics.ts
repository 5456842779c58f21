import type { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { InjectManager, MedusaContext } from "@medusajs/framework/utils"
import { ContactStatistics, RfmThresholds, statisticsFromAggregates } from "./compute"
import { OrderFactInput, removeOrderFact, upsertOrderFact } from "./queries"
import { runSql } from "../sql"
import { aggregatesOf, recountOrderTotals } from "./totals"

type Ctx = Context<SqlEntityManager>

/**
 * Purchase statistics per customer: one fact per order, and running totals per customer and
 * currency kept with each fact, so a customer's statistics are two indexed reads however many
 * orders they placed.
 */
export class ContactStatisticsStore {
  constructor(
    // the module's repository: the manager decorators below open their contexts on it
    protected readonly baseRepository_: unknown,
    protected readonly rfm_: RfmThresholds
  ) {}

  /** Records (or replaces) the statistics fact of one order, and its part of the customer's totals. */
  @InjectManager()
  async recordOrderFact(fact: OrderFactInput, @MedusaContext() ctx: Ctx = {}): Promise<void> {
    await upsertOrderFact(ctx.manager!, fact)
  }

  /** Removes an order's fact and its part of the customer's totals (a compensation). */
  @InjectManager()
  async removeOrderFact(orderId: string, @MedusaContext() ctx: Ctx = {}): Promise<void> {
    await removeOrderFact(ctx.manager!, orderId)
  }

  /** A customer's statistics from their running totals and the configured RFM thresholds. */
  @InjectManager()
  async computeContactStatistics(customerId: string, @MedusaContext() ctx: Ctx = {}): Promise<ContactStatistics> {
    return statisticsFromAggregates(await aggregatesOf(ctx.manager!, customerId), this.rfm_)
  }

  /** A customer's running totals, one row per currency (the export shows them). */
  @InjectManager()
  async listOrderTotalsOf(customerId: string, @MedusaContext() ctx: Ctx = {}): Promise<Record<string, unknown>[]> {
    // raw SQL: the totals have no generated methods (they change only with the order facts, under their lock)
    return await runSql(
      ctx.manager!,
      `SELECT currency_code, order_count, total, item_count, returned_count, created_at, updated_at
       FROM engagement_order_total WHERE customer_id = ? AND deleted_at IS NULL ORDER BY currency_code`,
      [customerId]
    )
  }

  /** Makes the running totals the sum of the order facts again (the rebuild command). */
  @InjectManager()
  async recountOrderTotals(@MedusaContext() ctx: Ctx = {}): Promise<void> {
    await recountOrderTotals(ctx.manager!)
  }
}
