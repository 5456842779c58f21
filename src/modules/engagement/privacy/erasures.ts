import type { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { InjectManager, InjectTransactionManager, MedusaContext } from "@medusajs/framework/utils"
import { eraseCustomerData, EraseCustomerInput, EraseCustomerResult } from "./erase"
import { listErasedCustomers, resumeErasedCustomer, unresumeErasures } from "./erased-customers"

/** The right to be forgotten, as far as this module's tables go (see erase.ts). */
export class Erasures {
  constructor(
    // the module's repository: the transaction decorator below opens its context on it
    protected readonly baseRepository_: unknown,
    protected readonly maxAttempts_: number
  ) {}

  /** Erases everything the module holds about one shopper, in one transaction. */
  @InjectTransactionManager()
  async eraseCustomerData(
    input: Omit<EraseCustomerInput, "max_attempts">,
    @MedusaContext() ctx: Context<SqlEntityManager> = {}
  ): Promise<EraseCustomerResult> {
    return await eraseCustomerData(ctx.transactionManager!, { ...input, max_attempts: this.maxAttempts_ })
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
