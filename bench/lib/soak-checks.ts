/**
 * What the soak checks once the plugin has settled: each platform holds exactly one of each
 * expected call, each order earned its points once, and nothing is left in flight or due.
 * Each check is a figure whose target is 0 (a count of what went wrong), so a loss or a double
 * shows as "short" in the bench's table.
 */
import type { Knex } from "knex"
import type { StandIn } from "../../integration-tests/stand-ins/stand-in"
import type { ProcessProxy } from "../../integration-tests/topology/process-proxy"
import type { Figure } from "./report"

interface Placed {
  id: string
  display_id: number
  email: string
}

interface Shopper {
  email: string
  lastName: string
}

const none = (name: string, value: number, detail: string): Figure => ({
  name,
  value,
  compare: "<=",
  target: 0,
  unit: "rows",
  detail,
})

/** The body fields the checks count calls by (Rejoiner's conversion, Recensus' contact request). */
interface CallBody {
  cart_data?: { order_number?: string }
  data?: { customerEmail: string; purchaseDate: string }
}

/** Calls answered normally, counted by a key of their body. */
function countBy(standIn: StandIn, route: string, key: (body: CallBody) => string | undefined) {
  const counts = new Map<string, number>()
  for (const call of standIn.acceptedCallsTo(route)) {
    const value = String(key(call.body as CallBody))
    counts.set(value, (counts.get(value) ?? 0) + 1)
  }
  return counts
}

/** The contacts a platform's stand-in keeps (by id, by email, or as a list). */
function storedContacts(standIn: StandIn): unknown[] {
  const kept = standIn.state.contacts ?? standIn.state.customers ?? {}
  return Array.isArray(kept) ? kept : Object.values(kept)
}

export async function soakChecks(
  db: Knex,
  platforms: Record<string, StandIn>,
  placed: Placed[],
  shoppers: Shopper[],
  /** erased during the load: their review requests are gone from the database, their calls are not */
  erased: Set<string>
): Promise<Figure[]> {
  // Rejoiner: one conversion per order (its API cannot deduplicate, and half its calls failed)
  const conversions = countBy(platforms.rejoiner, "convert", (body) => body.cart_data?.order_number)
  const missingConversions = placed.filter((order) => !conversions.has(String(order.display_id))).length
  const doubleConversions = [...conversions.values()].filter((count) => count > 1).length

  // Recensus: one accepted call per review request the plugin recorded as sent
  const [{ sent }] = await db("engagement_review_request")
    .where("status", "sent")
    .count<{ sent: string }[]>({ sent: "*" })
  const reviewCalls = countBy(
    platforms.recensus,
    "customer-contact-request",
    (body) => `${body.data?.customerEmail} ${body.data?.purchaseDate}`
  )
  const reviewCallCount = [...reviewCalls.entries()]
    .filter(([key]) => !erased.has(key.split(" ")[0]))
    .reduce((sum, [, count]) => sum + count, 0)

  // every contact platform: each shopper once, holding the name they set last
  const contactProblems: string[] = []
  for (const name of ["rejoiner", "expertsender", "engage", "crmcom"]) {
    const kept = storedContacts(platforms[name]).map((contact) => JSON.stringify(contact))
    for (const shopper of shoppers) {
      const theirs = kept.filter((contact) => contact.includes(shopper.email))
      if (theirs.length !== 1 || !theirs[0].includes(`"${shopper.lastName}"`)) {
        contactProblems.push(`${name}: ${shopper.email} held ${theirs.length} time(s)`)
      }
    }
  }

  // loyalty: one award per order
  const awards = await db("loyalty_transaction")
    .where("type", "earn")
    .whereIn(
      "order_id",
      placed.map((order) => order.id)
    )
    .select("order_id")
    .count<{ order_id: string; count: string }[]>({ count: "*" })
    .groupBy("order_id")
  const awardedOnce = awards.filter((row) => Number(row.count) === 1).length

  const byStatus = await db("engagement_delivery")
    .select("status")
    .count<{ status: string; count: string }[]>({ count: "*" })
    .groupBy("status")
  const status = (name: string) => Number(byStatus.find((row) => row.status === name)?.count ?? 0)
  // every platform's default limit (no *_CONCURRENCY is set): the most in flight across all processes
  const limit = 4
  const inFlight = Object.entries(platforms).map(([name, standIn]) => `${name} ${standIn.maxInFlight}`)
  const mostInFlight = Math.max(...Object.values(platforms).map((standIn) => standIn.maxInFlight))
  const doubles = Object.entries(platforms).flatMap(([name, standIn]) =>
    standIn.duplicateAccepts().map((entry) => `${name} ${entry.route} ×${entry.count} (${entry.key})`)
  )

  return [
    none("soak: orders without a conversion at Rejoiner", missingConversions, `${placed.length} orders`),
    none("soak: orders converted twice at Rejoiner", doubleConversions, "503 on every second call"),
    none(
      "soak: review requests sent ≠ calls at Recensus",
      Math.abs(Number(sent) - reviewCallCount),
      `${sent} sent (the others skipped by the caps and repeat-product rules; the erased shoppers' left out)`
    ),
    none(
      "soak: review requests sent twice",
      [...reviewCalls.values()].filter((count) => count > 1).length,
      "by shopper and purchase date"
    ),
    none(
      "soak: contacts missing, doubled or stale",
      contactProblems.length,
      contactProblems.slice(0, 3).join("; ") || `${shoppers.length} shoppers × 4 platforms; Engage 429 every tenth call`
    ),
    none(
      "soak: calls accepted twice under one Idempotency-Key",
      doubles.length,
      doubles.slice(0, 3).join("; ") || `every write to ${Object.keys(platforms).length} platforms, by call`
    ),
    none("soak: orders not awarded points exactly once", placed.length - awardedOnce, "local loyalty ledger"),
    none("soak: deliveries left sending", status("sending"), `${status("delivered")} delivered`),
    none("soak: deliveries dead or failed", status("dead") + status("failed"), "max attempts 30"),
    {
      name: "soak: calls in flight at most ÷ the platform's limit, every platform",
      value: mostInFlight / limit,
      compare: "<=",
      target: 1,
      detail: `${inFlight.join(", ")} (limit ${limit} each, across every process)`,
    },
  ]
}

/**
 * In the topology, which process sent the platforms' calls (through its own proxy): each worker
 * must have dispatched deliveries, or the second one proves nothing about the limit across them.
 */
export function processChecks(platforms: Record<string, StandIn>, proxies: ProcessProxy[]): Figure[] {
  if (!proxies.length) {
    return []
  }
  const sent = proxies.map((proxy) => proxy.calls.length)
  const received = Object.values(platforms).reduce((sum, standIn) => sum + standIn.requests.length, 0)
  const byProcess = sent.map((count, index) => `${index ? `worker ${index}` : "server"} ${count}`).join(", ")
  return [
    {
      name: "soak: workers that sent no call to any platform",
      value: sent.slice(1).filter((count) => count === 0).length,
      compare: "<=",
      target: 0,
      unit: "workers",
      detail: `calls by process: ${byProcess}; ${received} received by the stand-ins`,
    },
  ]
}
