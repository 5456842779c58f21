import type { MedusaContainer } from "@medusajs/framework/types"

/** What a source hands its checks: one order placed or canceled, or one return received. */
export interface ReconciliationItem {
  /** the order's id, or the return's: what the cursor and a repair's key name */
  id: string
  /** when it happened (placed, canceled, received): the cursor's position */
  at: Date
  order_id: string
  customer_id: string | null
  email: string | null
  status: string | null
  metadata: Record<string, unknown> | null
  /** whether the order's customer has an account (guests earn no points) */
  has_account: boolean
}

/**
 * Where reconciliation finds work to check: items of one kind in a time range, oldest first. Each
 * source has a cursor of its own, so a run resumes where the last one stopped.
 */
export interface ReconciliationSource {
  id: string
  list(container: MedusaContainer, range: { from: Date; until: Date; take: number }): Promise<ReconciliationItem[]>
}

/**
 * One kind of work a subscriber does for an item: which items lack it (reads only), and the
 * subscriber's own workflow to do it. The repair must be idempotent (keys and unique indexes), as
 * a late subscriber may run it too; it answers whether it changed anything (a check may find an
 * item that turns out to need nothing, e.g. an order whose lines earn no points).
 */
export interface ReconciliationCheck {
  /** the repair's kind, as recorded and shown (`review_request`, `loyalty_points`…) */
  kind: string
  /** the id of the source whose items it checks */
  source: string
  /** whether the work is done at all under the current options (a platform on, loyalty local…) */
  applies(container: MedusaContainer): boolean
  findMissing(container: MedusaContainer, items: ReconciliationItem[]): Promise<ReconciliationItem[]>
  repair(container: MedusaContainer, item: ReconciliationItem): Promise<boolean>
}
