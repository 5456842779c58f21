import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { ContactSyncRecord, ContactSyncUpdate, updateContactSyncs } from "./queries"

/** A planned call whose key an outbox row already held: the call was not written. */
export interface KeyCollision {
  platform: string
  idempotency_key: string
  /** the row that holds the key */
  delivery_id: string
  contact_sync_ids: string[]
}

/**
 * Contacts whose call was not written because its key was taken: waiting on the other row would
 * leave them `syncing` for ever. They show the collision as an `error` and stay due, so their next
 * plan takes the next key (their `step` is already the taken one).
 */
export async function markKeyCollision(
  manager: SqlEntityManager,
  rows: ContactSyncRecord[],
  collision: Pick<KeyCollision, "idempotency_key" | "delivery_id">
): Promise<void> {
  await updateContactSyncs(
    manager,
    rows.map((row) => keyCollisionUpdate(row, collision))
  )
}

/** What {@link markKeyCollision} writes on one contact. */
export function keyCollisionUpdate(
  row: ContactSyncRecord,
  collision: Pick<KeyCollision, "idempotency_key" | "delivery_id">
): ContactSyncUpdate {
  return {
    ...row,
    status: "error",
    dirty: true,
    due_now: true,
    last_sent: row.last_sent ?? {},
    in_flight_delivery_id: null,
    in_flight: null,
    last_error: `outbox key ${collision.idempotency_key} is already held by delivery ${collision.delivery_id}: the call was not written; it is planned again with the next key`,
  }
}
