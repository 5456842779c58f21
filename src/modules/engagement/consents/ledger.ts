import type { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaError } from "@medusajs/framework/utils"
import type { ConsentOptions } from "../options"
import type { ConsentChangeInput, ConsentChangeResult } from "../types"
import { CheckoutOutcomeRow, noteCheckoutActor, saveCheckoutOutcome } from "./checkouts"
import type { LinkClaims } from "./link-token"
import { currentConsents, CurrentConsent, markLinkUsed } from "./queries"
import { recordConsentChanges } from "./record"

type Ctx = Context<SqlEntityManager>

/** The module's generated reads and deletes (MedusaService) the undo uses. */
export interface ConsentRecords {
  deleteConsents(ids: string[], sharedContext?: Ctx): Promise<void>
  listConsentConfirmations(
    filters: { request_id: string; round: number },
    config: { select: string[] },
    sharedContext?: Ctx
  ): Promise<{ id: string }[]>
  deleteConsentConfirmations(ids: string[], sharedContext?: Ctx): Promise<void>
  deleteCheckouts(ids: string[], sharedContext?: Ctx): Promise<void>
  updateCheckouts(
    data: { id: string; order_id: string | null; consents: Record<string, unknown> | null },
    sharedContext?: Ctx
  ): Promise<unknown>
}

/** The consent ledger: current values, recorded changes, checkout choices and the single use of links. */
export class ConsentLedger {
  constructor(
    // the module's repository: the manager and transaction decorators below open their contexts on it
    protected readonly baseRepository_: unknown,
    protected readonly consents_: ConsentOptions,
    protected readonly records_: ConsentRecords
  ) {}

  /** The current value of each consent purpose of a customer (latest ledger row). */
  @InjectManager()
  async getCurrentConsents(customerId: string, @MedusaContext() ctx: Ctx = {}): Promise<CurrentConsent[]> {
    return await currentConsents(ctx.manager!, customerId)
  }

  /** Records consent changes in one transaction, serialised per customer and purpose (see `record.ts`). */
  @InjectTransactionManager()
  async recordConsentChanges(
    inputs: ConsentChangeInput[],
    @MedusaContext() ctx: Ctx = {}
  ): Promise<ConsentChangeResult> {
    return await recordConsentChanges(ctx.transactionManager!, inputs, this.consents_)
  }

  /** Undoes {@link recordConsentChanges}: removes the rows and confirmation notes it wrote. */
  @InjectTransactionManager()
  async undoConsentChanges(
    written: { consent_ids: string[]; request_rounds: { request_id: string; round: number }[] },
    @MedusaContext() ctx: Ctx = {}
  ): Promise<void> {
    if (written.consent_ids.length) {
      await this.records_.deleteConsents(written.consent_ids, ctx)
    }
    for (const { request_id, round } of written.request_rounds) {
      const notes = await this.records_.listConsentConfirmations({ request_id, round }, { select: ["id"] }, ctx)
      if (notes.length) {
        await this.records_.deleteConsentConfirmations(
          notes.map((note) => note.id),
          ctx
        )
      }
    }
  }

  /**
   * Notes who completes a cart, from the request's authentication: the signed-in customer, or null
   * for a guest. Checkout consents are recorded only for a customer noted here.
   */
  @InjectManager()
  async noteCheckoutActor(
    cartId: string,
    signedInCustomerId: string | null,
    @MedusaContext() ctx: Ctx = {}
  ): Promise<void> {
    await noteCheckoutActor(ctx.manager!, cartId, signedInCustomerId)
  }

  /** Keeps what became of an order's checkout choices; returns what it replaced, for the compensation. */
  @InjectManager()
  async saveCheckoutOutcome(
    input: { cart_id: string | null; order_id: string; consents: Record<string, unknown> },
    @MedusaContext() ctx: Ctx = {}
  ): Promise<{ id: string; previous: CheckoutOutcomeRow | null }> {
    return await saveCheckoutOutcome(ctx.manager!, input)
  }

  /** Puts a checkout row back as it was: its order and outcome, or removes it when it did not exist. */
  @InjectTransactionManager()
  async restoreCheckoutOutcome(
    undo: { id: string; previous: CheckoutOutcomeRow | null },
    @MedusaContext() ctx: Ctx = {}
  ): Promise<void> {
    if (!undo.previous) {
      await this.records_.deleteCheckouts([undo.id], ctx)
      return
    }
    const { order_id, consents } = undo.previous
    await this.records_.updateCheckouts({ id: undo.id, order_id, consents }, ctx)
  }

  /** Uses a link once; a second use of the same link is a conflict. */
  @InjectManager()
  async consumeLinkToken(claims: LinkClaims, @MedusaContext() ctx: Ctx = {}): Promise<void> {
    const first = await markLinkUsed(ctx.manager!, {
      nonce: claims.n,
      customer_id: claims.c,
      purpose: claims.p,
      action: claims.a,
    })
    if (!first) {
      throw new MedusaError(MedusaError.Types.CONFLICT, "token: this link has already been used")
    }
  }
}
