import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { runSql } from "../sql"
import type { DeliveryRecord } from "../types"
import { REDACTED_PAYLOAD } from "./erase"

/**
 * An erasure's stop call carries the shopper's email (the platform needs it) only until it is
 * delivered: then its payload and answer are redacted, in the transaction that records the outcome.
 * A failed or dead stop call keeps its payload so that it can be retried.
 */
export async function redactDeliveredStopCall(manager: SqlEntityManager, ended: DeliveryRecord): Promise<void> {
  if (ended.status !== "delivered" || ended.origin !== "erasure") {
    return
  }
  await runSql(manager, `UPDATE engagement_delivery SET payload = ?::jsonb, response_summary = NULL WHERE id = ?`, [
    JSON.stringify(REDACTED_PAYLOAD),
    ended.id,
  ])
}
