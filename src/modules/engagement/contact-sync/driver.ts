import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import type {
  ContactSyncCall,
  ContactSyncContext,
  ContactSyncer,
  ContactSyncState,
  EnabledPlatform,
  EnqueueDeliveryInput,
} from "../../../provider-api/types"
import { insertDeliveries } from "../outbox/queries"
import { ContactSyncRecord, lockDueContactSyncs, updateContactSync } from "./queries"
import { listErasedCustomers } from "../privacy/erased-customers"
import { KeyCollision, markKeyCollision } from "./collisions"
import { contactSnapshots } from "./snapshot"

export const stateOf = (row: ContactSyncRecord): ContactSyncState => ({
  external_id: row.external_id,
  last_sent: row.last_sent ?? {},
  credentials: row.credentials,
})

/**
 * The outbox key of a contact sync's n-th call: `contact-sync:<platform>:<sync row id>:<n>`. The
 * sync row's id is never reused (an erasure deletes the row; the shopper's next change makes a new
 * one), so a counter that starts again with a new row never meets an older row's keys, and the key
 * leads back to no customer.
 */
export const CALL_KEY_PREFIX = "contact-sync:"
const callKey = (row: ContactSyncRecord, step: number) => `${CALL_KEY_PREFIX}${row.platform}:${row.id}:${step}`

export function deliveryInput(
  row: ContactSyncRecord,
  call: ContactSyncCall,
  step: number,
  maxAttempts: number
): EnqueueDeliveryInput & { max_attempts: number } {
  return {
    origin: "contact_sync",
    platform: row.platform,
    operation: call.operation,
    payload: call.payload,
    idempotency_key: callKey(row, step),
    customer_id: row.customer_id,
    subject_id: row.id,
    max_attempts: call.max_attempts ?? maxAttempts,
  }
}

export interface PlanSummary {
  planned: number
  done: number
  blocked: number
  /** calls not written because their key was taken (the contacts are left in `error`, due again) */
  collisions: KeyCollision[]
}

/**
 * Plans the next call of every due contact of one platform, in the caller's transaction: the
 * contacts are locked, each call is written to the outbox and the contact remembers it as in flight,
 * so no second call is planned for it until this one has ended.
 */
export async function planDueContactSyncs(
  manager: SqlEntityManager,
  enabled: EnabledPlatform,
  args: { context: ContactSyncContext; limit: number; max_attempts: number; customer_ids?: string[] }
): Promise<PlanSummary> {
  const summary: PlanSummary = { planned: 0, done: 0, blocked: 0, collisions: [] }
  const syncer = enabled.platform.contactSync as ContactSyncer | undefined
  if (!syncer) {
    return summary
  }
  const rows = await lockDueContactSyncs(manager, {
    platform: enabled.platform.id,
    limit: args.limit,
    customer_ids: args.customer_ids,
  })
  const erased = new Set(
    (
      await listErasedCustomers(
        manager,
        rows.map((row) => row.customer_id)
      )
    ).map((row) => row.customer_id)
  )
  const snapshots = await contactSnapshots(
    manager,
    rows.map((row) => row.customer_id).filter((id) => !erased.has(id))
  )
  const calls: { row: ContactSyncRecord; call: ContactSyncCall; credentials: string | null }[] = []
  for (const row of rows) {
    const snapshot = snapshots.get(row.customer_id)
    const base = { ...row, in_flight_delivery_id: null, in_flight: null, dirty: false, last_sent: row.last_sent ?? {} }
    if (!snapshot) {
      // no profile (yet), or an erased shopper who has not acted since: nothing to send; the
      // profile's creation (or the shopper's next act) marks the contact again
      await updateContactSync(manager, { ...base, status: "synced", last_error: null })
      summary.done++
      continue
    }
    const plan = syncer.plan(snapshot, stateOf(row), enabled.options, args.context)
    if (plan.kind === "done") {
      await updateContactSync(manager, { ...base, status: "synced", last_error: null })
      summary.done++
    } else if (plan.kind === "blocked") {
      await updateContactSync(manager, { ...base, status: plan.status, last_error: plan.reason })
      summary.blocked++
    } else {
      calls.push({
        row,
        call: plan.call,
        credentials: plan.credentials === undefined ? row.credentials : plan.credentials,
      })
    }
  }

  // calls a platform takes in bulk go out together, the others one by one
  const batch = syncer.batch
  const batched = batch ? calls.filter(({ row, call }) => call.operation === batch.operation && !row.send_alone) : []
  const single = calls.filter((entry) => !batched.includes(entry))
  const groups: (typeof calls)[] = single.map((entry) => [entry])
  if (batch) {
    const size = Math.max(1, batch.size(enabled.options))
    for (let start = 0; start < batched.length; start += size) {
      groups.push(batched.slice(start, start + size))
    }
  }
  for (const group of groups) {
    const [first] = group
    const step = first.row.step + 1
    const input = deliveryInput(first.row, first.call, step, args.max_attempts)
    if (group.length > 1) {
      input.payload = batch!.merge(group.map(({ call }) => call.payload))
      input.idempotency_key = `${callKey(first.row, step)}:batch`
      input.customer_id = null
      input.subject_id = null
    }
    const [{ delivery, created }] = await insertDeliveries(manager, [input])
    if (!created) {
      const collision: KeyCollision = {
        platform: first.row.platform,
        idempotency_key: input.idempotency_key,
        delivery_id: delivery.id,
        contact_sync_ids: group.map(({ row }) => row.id),
      }
      summary.collisions.push(collision)
      const taken = group.map(({ row }) => ({ ...row, step: row === first.row ? step : row.step + 1 }))
      await markKeyCollision(manager, taken, collision)
      continue
    }
    for (const { row, call, credentials } of group) {
      await updateContactSync(manager, {
        ...row,
        status: "syncing",
        dirty: false,
        last_sent: row.last_sent ?? {},
        in_flight_delivery_id: delivery.id,
        in_flight: { operation: call.operation, payload: call.payload, sends: call.sends },
        step: row === first.row ? step : row.step + 1,
        send_alone: row.send_alone,
        credentials,
        last_error: null,
      })
    }
    summary.planned += group.length
  }
  return summary
}
