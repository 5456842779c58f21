import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"
import { optionalIn, runSql } from "../sql"
import { CONTACT_SYNC_STATUSES, ContactSyncStatus } from "../types"

// All statements use bound parameters; table and column names are constants.
const TABLE = "engagement_contact_sync"

export interface ContactSyncRecord {
  id: string
  customer_id: string
  platform: string
  status: ContactSyncStatus
  dirty: boolean
  due_at: Date | null
  external_id: string | null
  last_sent: Record<string, unknown>
  in_flight_delivery_id: string | null
  in_flight: { operation: string; payload: Record<string, unknown>; sends?: Record<string, unknown> } | null
  step: number
  send_alone: boolean
  credentials: string | null
  last_error: string | null
  last_synced_at: Date | null
  created_at: Date
  updated_at: Date
}

type Row = ContactSyncRecord & Record<string, unknown>

/**
 * Notes that contacts changed. The first change opens a coalescing window (`due_at`); changes
 * that arrive before the contact is synced join it, so a burst becomes one call per platform.
 * One statement for every contact and platform (an order's change marks its shopper on each
 * platform at once), its rows written in the order the contacts came, as one statement each did.
 */
export async function markContactsForSync(
  manager: SqlEntityManager,
  args: { customer_ids: string[]; platforms: string[]; coalesce_ms: number }
): Promise<number> {
  const platforms = [...new Set(args.platforms)]
  const rows = [...new Set(args.customer_ids)].flatMap((customer_id) =>
    platforms.map((platform) => ({ id: generateEntityId(undefined, "engcs"), customer_id, platform }))
  )
  if (!rows.length) {
    return 0
  }
  // raw SQL: an upsert that keeps the earliest due time (ON CONFLICT DO UPDATE with LEAST) has no ORM form
  const marked = await runSql(
    manager,
    `INSERT INTO ${TABLE} (id, customer_id, platform, status, dirty, due_at, last_sent, step, created_at, updated_at)
     SELECT r.value->>'id', r.value->>'customer_id', r.value->>'platform', 'pending', true,
            now() + (? * interval '1 millisecond'), '{}'::jsonb, 0, now(), now()
       FROM jsonb_array_elements(?::jsonb) WITH ORDINALITY AS r(value, n)
      ORDER BY r.n
     ON CONFLICT (customer_id, platform) WHERE deleted_at IS NULL DO UPDATE SET
       due_at = CASE WHEN ${TABLE}.dirty THEN LEAST(${TABLE}.due_at, EXCLUDED.due_at) ELSE EXCLUDED.due_at END,
       dirty = true,
       status = CASE WHEN ${TABLE}.status = 'syncing' THEN ${TABLE}.status ELSE 'pending' END,
       updated_at = now()
     RETURNING id`,
    [args.coalesce_ms, JSON.stringify(rows)]
  )
  return marked.length
}

/**
 * Locks the contacts of one platform whose changes are due and that have no call in flight, for
 * the caller's transaction. `SKIP LOCKED` lets several processes plan disjoint contacts.
 */
export async function lockDueContactSyncs(
  manager: SqlEntityManager,
  args: { platform: string; limit: number; customer_ids?: string[] }
): Promise<ContactSyncRecord[]> {
  const filter = optionalIn("customer_id", args.customer_ids)
  // raw SQL: a claim with FOR UPDATE SKIP LOCKED has no ORM form
  return await runSql<Row>(
    manager,
    `SELECT * FROM ${TABLE}
     WHERE deleted_at IS NULL AND platform = ? AND dirty AND due_at <= now() AND in_flight_delivery_id IS NULL ${filter.sql}
     ORDER BY due_at
     LIMIT ?
     FOR UPDATE SKIP LOCKED`,
    [args.platform, ...filter.params, args.limit]
  )
}

/** The contacts whose calls are these outbox rows, locked (in id order) for the caller's transaction. */
export async function lockContactSyncsOfDeliveries(
  manager: SqlEntityManager,
  deliveryIds: string[]
): Promise<ContactSyncRecord[]> {
  if (!deliveryIds.length) {
    return []
  }
  // raw SQL: rows locked FOR UPDATE for the outcome's transaction
  return await runSql<Row>(
    manager,
    `SELECT * FROM ${TABLE}
     WHERE deleted_at IS NULL AND in_flight_delivery_id = ANY(?::text[])
     ORDER BY id FOR UPDATE`,
    [deliveryIds]
  )
}

export interface ContactSyncUpdate {
  id: string
  status: ContactSyncStatus
  dirty: boolean
  /** set to now when true; kept otherwise */
  due_now?: boolean
  external_id: string | null
  last_sent: Record<string, unknown>
  in_flight_delivery_id: string | null
  in_flight: ContactSyncRecord["in_flight"]
  step: number
  send_alone?: boolean
  credentials: string | null
  last_error: string | null
  synced?: boolean
}

export async function updateContactSync(manager: SqlEntityManager, update: ContactSyncUpdate): Promise<void> {
  await updateContactSyncs(manager, [update])
}

/**
 * Writes several contacts' sync rows in one statement, and mirrors the platform ids that changed
 * (`external_id_changed`) onto their contact profiles (`external_ids[platform]`) in the same one.
 * A row appears once (one row per contact and platform), so each profile is written at most once.
 */
export async function updateContactSyncs(
  manager: SqlEntityManager,
  updates: (ContactSyncUpdate & { customer_id?: string; platform?: string; external_id_changed?: boolean })[]
): Promise<void> {
  if (!updates.length) {
    return
  }
  const values = updates.map((update) => ({
    id: update.id,
    status: update.status,
    dirty: update.dirty,
    due_now: update.due_now ?? false,
    external_id: update.external_id,
    last_sent: update.last_sent ?? {},
    in_flight_delivery_id: update.in_flight_delivery_id,
    in_flight: update.in_flight,
    step: update.step,
    send_alone: update.send_alone ?? false,
    credentials: update.credentials,
    last_error: update.last_error,
    synced: update.synced ?? false,
    customer_id: update.customer_id ?? null,
    platform: update.platform ?? null,
    external_id_changed: update.external_id_changed ?? false,
  }))
  // raw SQL: written on the locked rows' raw manager inside the planning or outcome transaction; the
  // profiles' ids are a jsonb_set each, in the same statement (a data-modifying WITH)
  await runSql(
    manager,
    `WITH v AS (
       SELECT * FROM jsonb_to_recordset(?::jsonb) AS v(id text, status text, dirty boolean, due_now boolean, external_id text,
         last_sent jsonb, in_flight_delivery_id text, in_flight jsonb, step int, send_alone boolean, credentials text,
         last_error text, synced boolean, customer_id text, platform text, external_id_changed boolean)
     ), profiles AS (
       UPDATE engagement_contact_profile p
       SET external_ids = CASE WHEN v.external_id IS NULL THEN COALESCE(p.external_ids, '{}'::jsonb) - v.platform
                          ELSE jsonb_set(COALESCE(p.external_ids, '{}'::jsonb), ARRAY[v.platform], to_jsonb(v.external_id)) END,
           updated_at = now()
       FROM v WHERE v.external_id_changed AND p.customer_id = v.customer_id AND p.customer_id = ANY(?::text[])
         AND p.deleted_at IS NULL
       RETURNING p.id
     )
     UPDATE ${TABLE} c SET status = v.status, dirty = v.dirty, due_at = CASE WHEN v.due_now THEN now() ELSE c.due_at END,
       external_id = v.external_id, last_sent = v.last_sent, in_flight_delivery_id = v.in_flight_delivery_id,
       in_flight = v.in_flight, step = v.step, send_alone = v.send_alone, credentials = v.credentials,
       last_error = v.last_error, last_synced_at = CASE WHEN v.synced THEN now() ELSE c.last_synced_at END, updated_at = now()
     FROM v WHERE c.id = v.id AND c.id = ANY(?::text[])`,
    // the keys again as arrays: the planner counts them (see optionalIn in utils/sql.ts)
    [
      JSON.stringify(values),
      values.filter((value) => value.external_id_changed && value.customer_id).map((value) => value.customer_id!),
      values.map((value) => value.id),
    ]
  )
}

/** How many contacts of a platform are waiting, in flight, synced or stopped: for progress and the admin. */
export async function countContactSyncs(
  manager: SqlEntityManager,
  platform: string
): Promise<Record<ContactSyncStatus, number>> {
  // raw SQL: a GROUP BY count has no MedusaService form
  const rows = await runSql<{ status: ContactSyncStatus; count: string }>(
    manager,
    `SELECT status, count(*) AS count FROM ${TABLE} WHERE deleted_at IS NULL AND platform = ? GROUP BY status`,
    [platform]
  )
  const counts = Object.fromEntries(CONTACT_SYNC_STATUSES.map((status) => [status, 0])) as Record<
    ContactSyncStatus,
    number
  >
  for (const row of rows) {
    counts[row.status] = Number(row.count)
  }
  return counts
}

/**
 * Forgets a contact's platform state, but for a call in flight (its outcome still settles). The
 * credentials are kept: a contact the plugin registered on a platform can still sign in.
 */
export async function resetContactSyncs(
  manager: SqlEntityManager,
  args: { customer_id: string; platforms?: string[] }
): Promise<void> {
  const filter = optionalIn("platform", args.platforms)
  // raw SQL: one statement resets every platform's row of the contact
  await runSql(
    manager,
    `UPDATE ${TABLE} SET external_id = NULL, last_sent = '{}'::jsonb, last_error = NULL, status = 'pending', updated_at = now()
     WHERE deleted_at IS NULL AND customer_id = ? AND in_flight_delivery_id IS NULL ${filter.sql}`,
    [args.customer_id, ...filter.params]
  )
}
