import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { runSql } from "../sql"
import type { DeliveryRecord } from "../types"
import { REDACTED_PAYLOAD } from "./erase"

/** The id prefix of an erasure: its stop calls carry it as their `subject_id`. */
export const ERASURE_ID_PREFIX = "engera_"

/** Whether a delivery is an erasure's stop call (only those wait on their outcome for redaction). */
export function isErasureStopCall(delivery: DeliveryRecord): boolean {
  return Boolean(delivery.subject_id?.startsWith(ERASURE_ID_PREFIX))
}

/**
 * An erasure's stop call carries the shopper's email (the platform needs it) only until it is
 * delivered: then its payload and answer are redacted, in the transaction that records the outcome.
 * A failed or dead stop call keeps its payload so that it can be retried.
 */
export async function redactDeliveredStopCall(manager: SqlEntityManager, ended: DeliveryRecord): Promise<void> {
  if (ended.status !== "delivered" || !isErasureStopCall(ended)) {
    return
  }
  await runSql(manager, `UPDATE engagement_delivery SET payload = ?::jsonb, response_summary = NULL WHERE id = ?`, [
    JSON.stringify(REDACTED_PAYLOAD),
    ended.id,
  ])
}
