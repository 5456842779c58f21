import { randomUUID } from "node:crypto"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/**
 * One read of a placed order for all the parts of its work (process-placed-order.ts), where each
 * part used to read the order for itself (eight reads of the same order per checkout).
 *
 * The order is kept in this process, not handed between steps: its amounts and quantities are
 * BigNumbers, which do not survive the serialisation of step inputs. The parts are handed a
 * token instead (`shared_read`), so only the run that read the order uses it: any other workflow
 * of the same order (a cancel a moment later, the reconciliation job) and a part resumed in
 * another process read the order themselves, as before. A part reads from it only when the read
 * held every field it asks for; the read is dropped when the run ends, or after a minute if the
 * run never got there. Every part is handed the same object: a part must not change it (none
 * does; each builds its own values from it).
 */
export interface SharedOrderReadInput {
  /** the token of the read the parts of a placed order's run share */
  shared_read?: string | null
}

type Order = Record<string, any>

interface SharedRead {
  order_id: string
  fields: Set<string>
  order: Order | undefined
  expires: number
}

const TTL_MS = 60_000
const reads = new Map<string, SharedRead>()

function prune(now: number) {
  for (const [token, read] of reads) {
    if (read.expires <= now) {
      reads.delete(token)
    }
  }
}

/** Reads the order once with the union of the parts' fields; returns the token the parts are handed. */
export async function shareOrderRead(
  container: MedusaContainer,
  orderId: string,
  fields: readonly string[]
): Promise<string | null> {
  if (!fields.length) {
    return null
  }
  const now = Date.now()
  prune(now)
  const unique = [...new Set(fields)]
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [order],
  } = await query.graph({ entity: "order", fields: unique, filters: { id: orderId } })
  const token = randomUUID()
  reads.set(token, { order_id: orderId, fields: new Set(unique), order: linesInOrder(order), expires: now + TTL_MS })
  return token
}

/** Drops the run's read (its last step). */
export function forgetOrderRead(token: string | null | undefined): void {
  if (token) {
    reads.delete(token)
  }
}

/** How many reads are kept (for the tests). */
export function sharedOrderReadCount(): number {
  prune(Date.now())
  return reads.size
}

/**
 * The orders `orderIds` with `fields`: from the run's shared read when `token` names one that is
 * of this single order and held every field, else read here.
 */
export async function readOrders(
  container: MedusaContainer,
  orderIds: readonly string[],
  fields: readonly string[],
  token?: string | null
): Promise<Order[]> {
  const shared = token ? reads.get(token) : undefined
  if (
    shared &&
    shared.expires > Date.now() &&
    orderIds.length === 1 &&
    shared.order_id === orderIds[0] &&
    fields.every((field) => shared.fields.has(field))
  ) {
    return shared.order ? [shared.order] : []
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: [...fields],
    filters: { id: orderIds.length === 1 ? orderIds[0] : [...orderIds] },
  })
  return (data as Order[]).map(linesInOrder)
}

/**
 * The order with its lines sorted by id: a read returns them in no set order, and what the plugin
 * builds from them (a review request's purchases, a conversion's cart items) must come out the
 * same every time the order is read, so a repair or a replay sends the payload the first run sent.
 * (Not the order they were added in: lines created together share a millisecond, and their ids
 * differ there by a random part.)
 */
function linesInOrder<T extends Order | undefined>(order: T): T {
  const items = order?.items
  if (Array.isArray(items) && items.every((item) => typeof item?.id === "string")) {
    items.sort((a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  }
  return order
}

/** The order `orderId` with `fields` (see `readOrders`), or undefined when there is none. */
export async function readOrder(
  container: MedusaContainer,
  orderId: string,
  fields: readonly string[],
  token?: string | null
): Promise<Order | undefined> {
  return (await readOrders(container, [orderId], fields, token))[0]
}
