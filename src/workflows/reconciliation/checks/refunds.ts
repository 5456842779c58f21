import type { ReconciliationCheck } from "../types"

/**
 * Refunds: the place for the refund-reversal workflow's check (points taken back once per refund,
 * keyed by the refund's id). Add a `refund_created` source to ../sources.ts (Medusa's refunds by
 * `created_at`, the item's `id` the refund's) and a check here: `findMissing` the refunds of orders
 * that earned with no reversal row keyed by the refund, `repair` the refund-reversal workflow.
 */
export const REFUND_CHECKS: ReconciliationCheck[] = []
