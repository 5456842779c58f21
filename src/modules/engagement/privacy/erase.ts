import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"
import { insertDeliveries } from "../outbox/queries"
import { runSql } from "../sql"
import type { EnqueueDeliveryInput } from "../../../provider-api/types"

/** What is written in place of an erased outbox payload: the row keeps its platform, operation and status. */
export const REDACTED_PAYLOAD = { redacted: "the shopper's data was erased" }

export interface EraseCustomerInput {
  erasure_id: string
  customer_id: string
  /** the shopper's email and phone: a finished call not keyed by the customer (a batch) that holds one is scrubbed */
  identifiers: string[]
  /** every personal value held of the shopper (email, phone, names): what such a call has replaced by "[erased]" */
  personal_values: string[]
  email: string | null
  actor: { type: string; id: string }
  subject_hash: string
  /** what each platform is sent and still holds: kept in the erasure record */
  platforms: Record<string, { stop_calls: string[]; still_held: string[] }>
  /** the stop calls, written to the outbox in the same transaction */
  stop_calls: EnqueueDeliveryInput[]
  max_attempts: number
  /** counts of rows erased elsewhere (the loyalty module), kept in the erasure record too */
  extra_kinds?: Record<string, number>
}

export interface EraseCustomerResult {
  kinds: Record<string, number>
  /** false when the profile was already gone (erased meanwhile): no stop call was written */
  stop_calls_sent: boolean
  /** the stop calls' outbox rows that are new (to be dispatched) */
  stop_call_ids: string[]
}

const json = (values: string[]) => JSON.stringify(values)
/** An erased outbox row's key: its own id, so the key is unique, leads back to no one, and no later call collides with it. */
const ERASED_KEY = `'erased:' || id`
const IN = (column: string) => `${column} IN (SELECT jsonb_array_elements_text(?::jsonb))`

async function count(manager: SqlEntityManager, sql: string, params: unknown[]): Promise<number> {
  return (await runSql(manager, `${sql} RETURNING 1`, params)).length
}

/**
 * Erases (deletes or anonymises) everything the engagement module holds about one shopper, in the
 * caller's transaction, so it happens completely or not at all:
 * - waiting deliveries of the shopper are canceled, and every outbox row of theirs keeps only its
 *   platform, operation, status and order (payload, answer and customer id removed); a batched call carrying the
 *   shopper among others has the shopper's values replaced by "[erased]";
 * - every outbox row of theirs, and any other whose key names them, gets the key `erased:<row id>`;
 * - the contact profile, order facts and running order totals, review requests and their contacts,
 *   checkouts, contact syncs (with their sealed credentials), consent confirmations and used links
 *   are deleted;
 * - the consent ledger is kept as proof (purpose, channel, value, source, time, wording): a
 *   withdrawal (False) is appended for each purpose not already False, then every row is moved to
 *   a pseudonym (`erased:<erasure id>`) with its IP, user agent, free-form proof and the shopper's
 *   own actor id removed;
 * - the erasure is recorded (who, when, how many of each kind) without personal data;
 * - the platforms' stop calls are written to the outbox.
 */
export async function eraseCustomerData(
  manager: SqlEntityManager,
  input: EraseCustomerInput
): Promise<EraseCustomerResult> {
  const customer = input.customer_id
  const email = input.email?.toLowerCase() ?? null
  const kinds: Record<string, number> = {}
  // one erasure of a shopper at a time: a second one waits, then finds the profile gone and sends no stop call again
  await runSql(manager, `SELECT pg_advisory_xact_lock(hashtext(?))`, [`engagement-erasure:${customer}`])
  const [{ held }] = await runSql<{ held: boolean }>(
    manager,
    `SELECT EXISTS (SELECT 1 FROM engagement_contact_profile WHERE customer_id = ?) AS held`,
    [customer]
  )
  const stopCallsToSend = held ? input.stop_calls : []
  const platforms = held
    ? input.platforms
    : Object.fromEntries(Object.entries(input.platforms).map(([id, platform]) => [id, { ...platform, stop_calls: [] }]))

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
  const requestIds = requests.map((row) => row.id)
  const linked = `(customer_id = ? OR ${IN("order_id")} OR ${IN("subject_id")})`
  const linkedParams = [customer, json(orders), json(requestIds)]

  kinds.deliveries_canceled = await count(
    manager,
    `UPDATE engagement_delivery SET status = 'canceled', locked_until = NULL, updated_at = now(),
       last_error = 'canceled: the shopper was erased'
     WHERE ${linked} AND status IN ('pending', 'failed')`,
    linkedParams
  )
  kinds.deliveries_redacted = await count(
    manager,
    // a dry run's stored request holds what the payload held; the key may hold the customer id
    // (`<platform>-loyalty:<customer id>|…`), and a later call of the shopper must never meet it
    `UPDATE engagement_delivery SET payload = ?::jsonb, response_summary = NULL, dry_run_request = NULL, customer_id = NULL,
       idempotency_key = ${ERASED_KEY}, updated_at = now() WHERE ${linked}`,
    [JSON.stringify(REDACTED_PAYLOAD), ...linkedParams]
  )
  // any other row whose key names the shopper (a batch keyed by its first contact, before keys named the sync row)
  await runSql(
    manager,
    `UPDATE engagement_delivery SET idempotency_key = ${ERASED_KEY}, updated_at = now()
     WHERE strpos(idempotency_key, ?) > 0 AND idempotency_key NOT LIKE 'erased:%'`,
    [customer]
  )
  // finished calls not keyed by the shopper (a batch of contacts) that carry their email or phone;
  // a waiting batch is left to be sent as it is (changing it would break the other contacts' call)
  const identifiers = [...new Set(input.identifiers.filter((value) => value && value.length >= 3))]
  const values = [...new Set([...identifiers, ...input.personal_values.filter((value) => value && value.length >= 2)])]
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

  kinds.contact_profile = await count(manager, `DELETE FROM engagement_contact_profile WHERE customer_id = ?`, [
    customer,
  ])
  kinds.order_facts = await count(
    manager,
    `DELETE FROM engagement_order_fact WHERE customer_id = ? OR ${IN("order_id")}`,
    [customer, json(orders)]
  )
  kinds.review_contacts = await count(
    manager,
    `DELETE FROM engagement_review_contact WHERE ${IN("review_request_id")} OR customer_key = ? OR (?::text IS NOT NULL AND customer_key = ?)`,
    [json(requestIds), customer, email, email]
  )
  kinds.review_requests = await count(manager, `DELETE FROM engagement_review_request WHERE ${IN("id")}`, [
    json(requestIds),
  ])
  kinds.checkouts = await count(
    manager,
    `DELETE FROM engagement_checkout WHERE signed_in_customer_id = ? OR consents->>'customer_id' = ? OR ${IN("order_id")}`,
    [customer, customer, json(orders)]
  )
  kinds.order_totals = await count(manager, `DELETE FROM engagement_order_total WHERE customer_id = ?`, [customer])
  kinds.contact_syncs = await count(manager, `DELETE FROM engagement_contact_sync WHERE customer_id = ?`, [customer])
  kinds.consent_confirmations = await count(
    manager,
    `DELETE FROM engagement_consent_confirmation WHERE customer_id = ?`,
    [customer]
  )
  kinds.link_uses = await count(manager, `DELETE FROM engagement_link_use WHERE customer_id = ?`, [customer])

  // the proof of withdrawal: every purpose ends False, recorded by the admin who erased
  const latest = await runSql<{ purpose: string; channel: string | null; value: string }>(
    manager,
    `SELECT DISTINCT ON (purpose) purpose, channel, value FROM engagement_consent
     WHERE customer_id = ? AND deleted_at IS NULL ORDER BY purpose, recorded_at DESC, created_at DESC`,
    [customer]
  )
  const open = latest.filter((row) => row.value !== "False")
  for (const row of open) {
    await runSql(
      manager,
      `INSERT INTO engagement_consent (id, customer_id, purpose, channel, value, source, recorded_at, actor_type, actor_id, wording, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'False', 'admin', now(), ?, ?, 'withdrawn: the shopper was erased', now(), now())`,
      [generateEntityId(undefined, "engcon"), customer, row.purpose, row.channel, input.actor.type, input.actor.id]
    )
  }
  kinds.consents_withdrawn = open.length
  kinds.consents_anonymised = await count(
    manager,
    `UPDATE engagement_consent SET customer_id = ?, ip = NULL, user_agent = NULL, info = NULL, updated_at = now(),
       actor_id = CASE WHEN actor_id = ? OR actor_type = 'customer' THEN NULL ELSE actor_id END
     WHERE customer_id = ?`,
    [`erased:${input.erasure_id}`, customer, customer]
  )

  Object.assign(kinds, input.extra_kinds ?? {})
  const stopCalls = await insertDeliveries(
    manager,
    // found by their erasure (`subject_id`), never by the customer: no outbox row keeps the shopper's id
    stopCallsToSend.map((call) => ({
      ...call,
      customer_id: null,
      max_attempts: call.max_attempts ?? input.max_attempts,
    }))
  )
  await runSql(
    manager,
    `INSERT INTO engagement_erasure (id, subject_hash, actor_type, actor_id, kinds, platforms, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, now(), now())`,
    [
      input.erasure_id,
      input.subject_hash,
      input.actor.type,
      input.actor.id,
      JSON.stringify(kinds),
      JSON.stringify(platforms),
    ]
  )
  return {
    kinds,
    stop_calls_sent: held,
    stop_call_ids: stopCalls.filter((result) => result.created).map((result) => result.delivery.id),
  }
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
