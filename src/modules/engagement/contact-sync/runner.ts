import type { Context, Logger } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { InjectManager, InjectTransactionManager, MedusaContext } from "@medusajs/framework/utils"
import { loggableMessage } from "../../../utils/database-errors"
import type { ResolvedEngagementOptions } from "../options"
import type { EnabledPlatform } from "../../../provider-api/types"
import type { Outbox } from "../outbox/outbox"
import { listErasedCustomers } from "../privacy/erased-customers"
import { planDueContactSyncs, PlanSummary } from "./driver"
import { countContactSyncs, markContactsForSync, resetContactSyncs } from "./queries"

/**
 * Keeps every platform's copy of each contact up to date: notes changed contacts, plans their next
 * calls once the coalescing window has passed (in this process by a timer, else by the minute job),
 * and drives the outbox until nothing more is due now.
 */
export class ContactSyncRunner {
  protected syncTimer_?: NodeJS.Timeout

  constructor(
    // the module's repository: the manager and transaction decorators below open their contexts on it
    protected readonly baseRepository_: unknown,
    protected readonly deps_: {
      logger: Logger
      options: ResolvedEngagementOptions
      /** the switched-on platforms that keep a copy of every contact */
      platforms: Map<string, EnabledPlatform>
      outbox: Outbox
    }
  ) {}

  platformIds(): string[] {
    return [...this.deps_.platforms.keys()]
  }

  /**
   * Notes that these contacts changed (but for erased shoppers who have not acted since). Nothing is sent yet: once the coalescing window has passed,
   * {@link syncDueContacts} sends each platform what changed, in one call per contact and platform.
   */
  @InjectManager()
  async markContactsForSync(
    customerIds: string[],
    args: { coalesce_ms?: number; platforms?: string[] } = {},
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<number> {
    const { contact_sync } = this.deps_.options
    const platforms = this.platformIds().filter((id) => !args.platforms || args.platforms.includes(id))
    if (!platforms.length || !customerIds.length || !contact_sync.enabled) {
      return 0
    }
    const coalesceMs = args.coalesce_ms ?? contact_sync.coalesce_ms
    // an erased shopper is not sent again until they act (an order, a change of their own)
    const erased = new Set(
      (await listErasedCustomers(sharedContext.manager!, customerIds)).map((row) => row.customer_id)
    )
    const marked = await markContactsForSync(sharedContext.manager!, {
      customer_ids: customerIds.filter((id) => !erased.has(id)),
      platforms,
      coalesce_ms: coalesceMs,
    })
    this.scheduleContactSync(coalesceMs)
    return marked
  }

  /**
   * Runs the contact sync in this process once the window has passed, so changes reach the
   * platforms within seconds; the minute job is the durable fallback (a restart loses the timer only).
   */
  protected scheduleContactSync(delayMs: number): void {
    if (this.syncTimer_ || !this.deps_.options.contact_sync.prompt) {
      return
    }
    this.syncTimer_ = setTimeout(() => {
      this.syncTimer_ = undefined
      this.runContactSync().catch((error) =>
        this.deps_.logger.warn(`engagement contact sync: ${loggableMessage(error)}`)
      )
    }, delayMs + 250)
    this.syncTimer_.unref()
  }

  /** Plans and writes to the outbox the next call of every contact whose changes are due. */
  @InjectManager()
  async syncDueContacts(
    args: { platforms?: string[]; customer_ids?: string[] } = {},
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<PlanSummary> {
    const total: PlanSummary = { planned: 0, done: 0, blocked: 0, collisions: [] }
    for (const platformId of this.platformIds()) {
      if (args.platforms && !args.platforms.includes(platformId)) {
        continue
      }
      const summary = await this.planContactSyncs_(platformId, args.customer_ids, { manager: sharedContext.manager })
      total.planned += summary.planned
      total.done += summary.done
      total.blocked += summary.blocked
      total.collisions.push(...summary.collisions)
    }
    for (const collision of total.collisions) {
      // ids only: the keys hold no personal data
      this.deps_.logger.error(
        `engagement contact sync: the ${collision.platform} call of contact sync ${collision.contact_sync_ids.join(", ")} was not written: its outbox key ${collision.idempotency_key} is already held by delivery ${collision.delivery_id}; the contact is marked error and planned again with the next key`
      )
    }
    return total
  }

  @InjectTransactionManager()
  protected async planContactSyncs_(
    platformId: string,
    customerIds: string[] | undefined,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<PlanSummary> {
    const { options } = this.deps_
    return await planDueContactSyncs(sharedContext.transactionManager!, this.deps_.platforms.get(platformId)!, {
      context: { purposes: options.consents.purposes },
      limit: options.outbox.batch_size,
      max_attempts: options.outbox.max_attempts,
      customer_ids: customerIds,
    })
  }

  /**
   * Brings due contacts up to date: plans their calls, sends them, and follows on (a lookup answered
   * leads to a create or an update) until nothing more is due now. Retries wait for the sweep.
   */
  async runContactSync(
    args: { customer_ids?: string[]; max_rounds?: number } = {}
  ): Promise<{ planned: number; delivered: number }> {
    const platforms = this.platformIds()
    const totals = { planned: 0, delivered: 0 }
    for (let round = 0; round < (args.max_rounds ?? 20) && platforms.length; round++) {
      const planned = await this.syncDueContacts({ customer_ids: args.customer_ids })
      const dispatched = await this.deps_.outbox.dispatchDueDeliveries({ platforms })
      totals.planned += planned.planned
      totals.delivered += dispatched.delivered
      if (!planned.planned && !dispatched.claimed) {
        break
      }
    }
    return totals
  }

  /** Per platform, how many contacts are in each sync status. */
  @InjectManager()
  async countContactSyncs(platform: string, @MedusaContext() sharedContext: Context<SqlEntityManager> = {}) {
    return await countContactSyncs(sharedContext.manager!, platform)
  }

  /** Forgets what platforms were sent about a contact (and their ids), so the next sync looks it up and sends everything. */
  @InjectManager()
  async resetContactSyncs(
    customerId: string,
    platforms?: string[],
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<void> {
    await resetContactSyncs(sharedContext.manager!, { customer_id: customerId, platforms })
  }
}
