import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import type { ContactSyncer, DeliveryOutcome, EnabledPlatform } from "../../../provider-api/types"
import { insertDeliveries } from "../outbox/queries"
import type { DeliveryRecord } from "../types"
import { keyCollisionUpdate } from "./collisions"
import { deliveryInput, stateOf } from "./driver"
import { ContactSyncRecord, ContactSyncUpdate, lockContactSyncsOfDeliveries, updateContactSyncs } from "./queries"

type Settled = ContactSyncUpdate & { customer_id: string; platform: string; external_id_changed: boolean }

const ENDED = new Set(["delivered", "failed", "dead"])

/**
 * What ended outbox rows mean for the contacts they carried: the platform's id, the values it now
 * holds, sealed credentials, a problem to show, the next call to plan, or a fallback to send at once
 * (an outbox row due now: the sync's next round or the sweep sends it). For all the rows ended
 * together: one read locking their contacts and one statement writing them (with the profiles'
 * platform ids), plus an insert for each fallback (a failure's rare path).
 *
 * The contacts are read under their lock in the outcome's transaction, so a change noted while the
 * call was in flight (`dirty`) is seen and planned next, and a contact erased meanwhile (its row
 * deleted) is not written back.
 */
export async function settleContactSyncs(
  manager: SqlEntityManager,
  enabled: EnabledPlatform,
  ended: DeliveryRecord[],
  outcomes: DeliveryOutcome[],
  maxAttempts: number
): Promise<void> {
  const syncer = enabled.platform.contactSync as ContactSyncer | undefined
  // only a contact's call has contacts waiting on it: a conversion or an erasure's stop call needs no lock
  const settling = new Map<string, { delivery: DeliveryRecord; outcome: DeliveryOutcome }>()
  ended.forEach((delivery, index) => {
    if (delivery.origin === "contact_sync" && ENDED.has(delivery.status)) {
      settling.set(delivery.id, { delivery, outcome: outcomes[index] })
    }
  })
  if (!syncer || !settling.size) {
    return
  }
  const updates: Settled[] = []
  for (const row of await lockContactSyncsOfDeliveries(manager, [...settling.keys()])) {
    const ending = settling.get(row.in_flight_delivery_id!)
    if (!row.in_flight || !ending) {
      continue
    }
    updates.push(await settleOne(manager, enabled, syncer, row, ending.delivery, ending.outcome, maxAttempts))
  }
  await updateContactSyncs(manager, updates)
}

async function settleOne(
  manager: SqlEntityManager,
  enabled: EnabledPlatform,
  syncer: ContactSyncer,
  row: ContactSyncRecord,
  delivery: DeliveryRecord,
  outcome: DeliveryOutcome,
  maxAttempts: number
): Promise<Settled> {
  const inFlight = row.in_flight!
  const status = delivery.status as "delivered" | "failed" | "dead"
  const settlement = syncer.settle(
    {
      ...inFlight,
      status,
      // a batch answers for all its contacts at once: no one contact's id
      external_id: delivery.customer_id ? delivery.external_id : null,
      summary: delivery.response_summary,
      secrets: outcome.kind === "delivered" ? outcome.secrets : undefined,
      reason: delivery.last_error,
    },
    stateOf(row),
    enabled.options
  )
  const externalId = settlement.external_id === undefined ? row.external_id : settlement.external_id
  const lastSent =
    settlement.last_sent ??
    (status === "delivered" ? { ...(row.last_sent ?? {}), ...(inFlight.sends ?? {}) } : (row.last_sent ?? {}))
  const credentials = settlement.credentials === undefined ? row.credentials : settlement.credentials
  const base = {
    ...row,
    external_id: externalId,
    last_sent: lastSent,
    credentials,
    external_id_changed: externalId !== row.external_id,
  }
  if (settlement.fallback) {
    const step = row.step + 1
    const fallbackInput = deliveryInput(row, settlement.fallback, step, maxAttempts)
    const [{ delivery: fallback, created }] = await insertDeliveries(manager, [fallbackInput])
    if (!created) {
      // reported on the contact (the outcome's writer has no logger)
      const collision = { idempotency_key: fallbackInput.idempotency_key, delivery_id: fallback.id }
      return { ...base, ...keyCollisionUpdate({ ...base, step }, collision) }
    }
    const { operation, payload, sends } = settlement.fallback
    return {
      ...base,
      status: "syncing",
      in_flight_delivery_id: fallback.id,
      in_flight: { operation, payload, sends },
      step,
      last_error: `${delivery.operation} kept failing (${delivery.last_error ?? status}); sent through ${operation}`,
    }
  }
  if (status !== "delivered" && !delivery.customer_id && !row.send_alone) {
    // a refused batch: each of its contacts is sent again on its own, so the one at fault is found
    return {
      ...base,
      status: "pending",
      dirty: true,
      due_now: true,
      in_flight_delivery_id: null,
      in_flight: null,
      send_alone: true,
      last_error: `sent again alone after its batch was refused: ${delivery.last_error ?? status}`,
    }
  }
  // a change noted while the call was in flight (dirty, read under the lock) is planned next
  const again = settlement.again || row.dirty
  // a failed call stops the sync unless the platform knows the next step (refresh a token, look up again)
  const problem =
    settlement.problem ??
    (status === "delivered" || settlement.again
      ? undefined
      : { status: "error" as const, reason: delivery.last_error ?? status })
  return {
    ...base,
    status: problem ? problem.status : again ? "pending" : "synced",
    dirty: !problem && again,
    due_now: !problem && settlement.again,
    in_flight_delivery_id: null,
    in_flight: null,
    send_alone: false,
    last_error: problem?.reason ?? null,
    synced: status === "delivered",
  }
}
