import type { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { InjectTransactionManager, MedusaContext } from "@medusajs/framework/utils"
import { eraseCustomerData, EraseCustomerInput, EraseCustomerResult } from "./erase"

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
}
