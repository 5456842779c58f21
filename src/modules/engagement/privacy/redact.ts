import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { runSql } from "../sql"
import type { DeliveryRecord } from "../types"
import { REDACTED_PAYLOAD } from "./erase"

/**
 * An erasure's stop call carries the shopper's email (the platform needs it) only until it is
 * delivered: then its payload and answer are redacted, in the transaction that records the outcome
 * (one statement for the stop calls whose outcomes are written together). A failed or dead stop
 * call keeps its payload so that it can be retried.
 */
export async function redactDeliveredStopCalls(manager: SqlEntityManager, ended: DeliveryRecord[]): Promise<void> {
  const delivered = ended.filter((row) => row.status === "delivered" && row.origin === "erasure").map((row) => row.id)
  if (!delivered.length) {
    return
  }
  await runSql(
    manager,
    `UPDATE engagement_delivery SET payload = ?::jsonb, response_summary = NULL
     WHERE id = ANY(?::text[])`,
    [JSON.stringify(REDACTED_PAYLOAD), delivered]
  )
}
