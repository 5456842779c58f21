import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { runSql } from "../sql"

/**
 * The parts of an erasure the generated `list*`/`delete*`/`update*` cannot express (the erase
 * workflow, `workflows/privacy`, runs one step per table and uses the generated methods for the
 * rest): which records are the shopper's through a JSON field or a key, the outbox rows' redaction
 * (a key made from the row's own id, a search through JSON text) and the order totals, which have
 * no generated methods (their rows change only with the order facts, under their lock).
 */

/** What is written in place of an erased outbox payload: the row keeps its platform, operation and status. */
export const REDACTED_PAYLOAD = { redacted: "the shopper's data was erased" }

export interface ErasureScope {
  /** the shopper's review requests (by customer or by email) */
  review_request_ids: string[]
  /** every order of theirs the module knows of: its facts, deliveries, checkouts and review requests */
  order_ids: string[]
  /** checkouts signed in as them, recorded for them (`consents.customer_id`) or of their orders */
  checkout_ids: string[]
}

const json = (values: string[]) => JSON.stringify(values)
const IN = (column: string) => `${column} IN (SELECT jsonb_array_elements_text(?::jsonb))`

/** Reads which rows are the shopper's besides those keyed by their customer id. */
export async function findErasureScope(
  manager: SqlEntityManager,
  customer: string,
  email: string | null
): Promise<ErasureScope> {
  const requests = await runSql<{ id: string; order_id: string }>(
    manager,
    `SELECT id, order_id FROM engagement_review_request WHERE customer_id = ? OR (?::text IS NOT NULL AND lower(email) = ?)`,
    [customer, email, email]
  )
  const orderRows = await runSql<{ order_id: string }>(
    manager,
    `SELECT order_id FROM engagement_order_fact WHERE customer_id = ?
     UNION SELECT order_id FROM engagement_delivery WHERE customer_id = ? AND order_id IS NOT NULL
     UNION SELECT order_id FROM engagement_checkout WHERE (signed_in_customer_id = ? OR consents->>'customer_id' = ?) AND order_id IS NOT NULL`,
    [customer, customer, customer, customer]
  )
  const orders = [...new Set([...orderRows.map((row) => row.order_id), ...requests.map((row) => row.order_id)])]
  const checkouts = await runSql<{ id: string }>(
    manager,
    `SELECT id FROM engagement_checkout WHERE signed_in_customer_id = ? OR consents->>'customer_id' = ? OR ${IN("order_id")}`,
    [customer, customer, json(orders)]
  )
  return {
    review_request_ids: requests.map((row) => row.id),
    order_ids: orders,
    checkout_ids: checkouts.map((row) => row.id),
  }
}

export interface EraseDeliveriesInput {
  customer_id: string
  order_ids: string[]
  review_request_ids: string[]
  /** the shopper's email and phone: a finished call not keyed by the customer (a batch) that holds one is scrubbed */
  identifiers: string[]
  /** every personal value held of the shopper: what such a call has replaced by "[erased]" */
  personal_values: string[]
}

/** The fields an erasure changes on an outbox row, as they were: what puts the row back. */
export interface DeliveryBefore {
  id: string
  status: string
  locked_until: Date | null
  last_error: string | null
  payload: unknown
  response_summary: unknown
  dry_run_request: unknown
  customer_id: string | null
  idempotency_key: string
}

const BEFORE = `id, status, locked_until, last_error, payload, response_summary, dry_run_request, customer_id, idempotency_key`
/** An erased outbox row's key: its own id, so the key is unique, leads back to no one, and no later call collides with it. */
const ERASED_KEY = `'erased:' || id`

/**
 * Erases the shopper from the outbox: their waiting rows are canceled; each of their rows (by
 * customer, order or review request) keeps only its platform, operation, status and order, and
 * gets the key `erased:<row id>`, as does any other row whose key names them; a finished batched
 * call carrying them among others has their values replaced by "[erased]" (a waiting batch is
 * sent as it is: changing it would break the other contacts' call). Returns the counts and the
 * touched rows as they were.
 */
export async function eraseDeliveries(
  manager: SqlEntityManager,
  input: EraseDeliveriesInput
): Promise<{ kinds: Record<string, number>; before: DeliveryBefore[] }> {
  const customer = input.customer_id
  const linked = `(customer_id = ? OR ${IN("order_id")} OR ${IN("subject_id")})`
  const linkedParams = [customer, json(input.order_ids), json(input.review_request_ids)]
  const identifiers = [...new Set(input.identifiers.filter((value) => value && value.length >= 3))]
  const values = [...new Set([...identifiers, ...input.personal_values.filter((value) => value && value.length >= 2)])]
  // one read of every row this changes, locked: what the compensation puts back
  const before = await runSql<DeliveryBefore>(
    manager,
    `SELECT ${BEFORE} FROM engagement_delivery d
     WHERE ${linked}
        OR (strpos(idempotency_key, ?) > 0 AND idempotency_key NOT LIKE 'erased:%')
        OR (status NOT IN ('pending', 'sending')
            AND EXISTS (SELECT 1 FROM jsonb_array_elements_text(?::jsonb) v(value)
                        WHERE position(lower(v.value) in lower(d.payload::text || coalesce(d.response_summary::text, '')
                          || coalesce(d.dry_run_request::text, ''))) > 0))
     ORDER BY id FOR UPDATE`,
    [...linkedParams, customer, json(identifiers)]
  )
  const kinds: Record<string, number> = {}
  kinds.deliveries_canceled = (
    await runSql(
      manager,
      `UPDATE engagement_delivery SET status = 'canceled', locked_until = NULL, updated_at = now(),
         last_error = 'canceled: the shopper was erased'
       WHERE ${linked} AND status IN ('pending', 'failed') RETURNING 1`,
      linkedParams
    )
  ).length
  kinds.deliveries_redacted = (
    await runSql(
      manager,
      // a dry run's stored request holds what the payload held; the key may hold the customer id
      // (`<platform>-loyalty:<customer id>|…`), and a later call of the shopper must never meet it
      `UPDATE engagement_delivery SET payload = ?::jsonb, response_summary = NULL, dry_run_request = NULL, customer_id = NULL,
         idempotency_key = ${ERASED_KEY}, updated_at = now() WHERE ${linked} RETURNING 1`,
      [JSON.stringify(REDACTED_PAYLOAD), ...linkedParams]
    )
  ).length
  // any other row whose key names the shopper (a batch keyed by its first contact, before keys named the sync row)
  await runSql(
    manager,
    `UPDATE engagement_delivery SET idempotency_key = ${ERASED_KEY}, updated_at = now()
     WHERE strpos(idempotency_key, ?) > 0 AND idempotency_key NOT LIKE 'erased:%'`,
    [customer]
  )
  if (identifiers.length) {
    const found = await runSql<{ id: string; payload: unknown; response_summary: unknown; dry_run_request: unknown }>(
      manager,
      `SELECT id, payload, response_summary, dry_run_request FROM engagement_delivery d
       WHERE status NOT IN ('pending', 'sending')
         AND EXISTS (SELECT 1 FROM jsonb_array_elements_text(?::jsonb) v(value)
                     WHERE position(lower(v.value) in lower(d.payload::text || coalesce(d.response_summary::text, '')
                       || coalesce(d.dry_run_request::text, ''))) > 0)
       FOR UPDATE`,
      [json(identifiers)]
    )
    for (const row of found) {
      await runSql(
        manager,
        `UPDATE engagement_delivery SET payload = ?::jsonb, response_summary = ?::jsonb, dry_run_request = ?::jsonb,
           updated_at = now() WHERE id = ?`,
        [
          JSON.stringify(scrub(row.payload, values)),
          row.response_summary == null ? null : JSON.stringify(scrub(row.response_summary, values)),
          row.dry_run_request == null ? null : JSON.stringify(scrub(row.dry_run_request, values)),
          row.id,
        ]
      )
    }
    kinds.batched_deliveries_scrubbed = found.length
  }
  return { kinds, before }
}

/**
 * Puts the rows `eraseDeliveries` changed back as they were. Raw SQL: the generated update merges
 * a JSON column into what it holds, and a payload must come back exactly, not merged with the redaction.
 */
export async function putBackErasedDeliveries(manager: SqlEntityManager, before: DeliveryBefore[]): Promise<void> {
  for (const row of before) {
    await runSql(
      manager,
      `UPDATE engagement_delivery SET status = ?, locked_until = ?::timestamptz, last_error = ?, payload = ?::jsonb,
         response_summary = ?::jsonb, dry_run_request = ?::jsonb, customer_id = ?, idempotency_key = ?, updated_at = now()
       WHERE id = ?`,
      [
        row.status,
        row.locked_until ? new Date(row.locked_until).toISOString() : null,
        row.last_error,
        JSON.stringify(row.payload),
        row.response_summary == null ? null : JSON.stringify(row.response_summary),
        row.dry_run_request == null ? null : JSON.stringify(row.dry_run_request),
        row.customer_id,
        row.idempotency_key,
        row.id,
      ]
    )
  }
}

/** Deletes the shopper's running order totals; returns the rows as they were (JSON) for their undo. */
export async function deleteOrderTotals(manager: SqlEntityManager, customer: string): Promise<unknown[]> {
  const rows = await runSql<{ row: unknown }>(
    manager,
    `DELETE FROM engagement_order_total t WHERE customer_id = ? RETURNING to_jsonb(t) AS row`,
    [customer]
  )
  return rows.map(({ row }) => row)
}

/** Puts back order totals `deleteOrderTotals` deleted, exactly as they were. */
export async function restoreOrderTotals(manager: SqlEntityManager, rows: unknown[]): Promise<void> {
  if (!rows.length) {
    return
  }
  await runSql(
    manager,
    `INSERT INTO engagement_order_total SELECT * FROM jsonb_populate_recordset(NULL::engagement_order_total, ?::jsonb)`,
    [JSON.stringify(rows)]
  )
}

/** A JSON value with every string holding one of the values replaced by "[erased]". */
export function scrub(value: unknown, values: string[]): unknown {
  const lowered = values.map((entry) => entry.toLowerCase())
  const walk = (node: unknown): unknown => {
    if (typeof node === "string") {
      return lowered.some((entry) => node.toLowerCase().includes(entry)) ? "[erased]" : node
    }
    if (Array.isArray(node)) {
      return node.map(walk)
    }
    if (node && typeof node === "object") {
      return Object.fromEntries(Object.entries(node).map(([key, entry]) => [key, walk(entry)]))
    }
    return node
  }
  return walk(value)
}
