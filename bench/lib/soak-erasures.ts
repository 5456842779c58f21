/**
 * The soak's erasures: some shoppers stop acting halfway through the load and are erased through
 * the admin API (`POST /admin/engagement/contacts/:id/erase`) while the others go on. Checked once
 * the plugin has settled: nothing carrying an erased shopper's email or platform ids reached any
 * platform after their erasure but their own stop calls, and each stop call was accepted exactly
 * once (Rejoiner fails every second call, so they are retried).
 */
import type { Knex } from "knex"
import type { StandIn } from "../../integration-tests/stand-ins/stand-in"
import type { Figure } from "./report"
import { call } from "./storefront"

export interface ErasedShopper {
  email: string
  customerId: string
  erasureId: string
  /** the stop calls the erasure answered it wrote, by platform */
  stopCalls: Record<string, string[]>
  /** the email and the platforms' contact ids: what identifies the shopper in a call */
  identifiers: string[]
  /** each stand-in's count of calls received when the erasure answered */
  marks: Record<string, number>
  /** when the erasure answered (ms) */
  at: number
}

interface ErasureAnswer {
  erasure_id: string
  platforms: { id: string; stop_calls: string[] }[]
}

/** Whether the plugin has nothing of the shopper's left to do: their orders' work done, nothing waiting or in flight. */
async function quiet(db: Knex, customerId: string, orderIds: string[]): Promise<boolean> {
  const orders = JSON.stringify(orderIds)
  const [{ busy }] = (
    await db.raw(
      `SELECT
         (SELECT count(*) FROM engagement_delivery WHERE status IN ('pending', 'sending')
            AND (customer_id = ? OR order_id IN (SELECT jsonb_array_elements_text(?::jsonb))))
       + (SELECT count(*) FROM engagement_contact_sync WHERE deleted_at IS NULL AND customer_id = ?
            AND (dirty OR in_flight_delivery_id IS NOT NULL OR status IN ('pending', 'syncing')))
       + (SELECT count(*) FROM engagement_review_request WHERE deleted_at IS NULL AND customer_id = ? AND status = 'scheduled'
            AND send_at <= now())
       -- an order's work ends with its conversion (process-placed-order)
       + (SELECT count(*) FROM jsonb_array_elements_text(?::jsonb) o(id) WHERE NOT EXISTS
            (SELECT 1 FROM engagement_delivery d WHERE d.origin = 'cart_conversion' AND d.order_id = o.id)) AS busy`,
      [customerId, orders, customerId, customerId, orders]
    )
  ).rows
  return Number(busy) === 0
}

/**
 * Waits until the plugin is done with the shopper (so a call still on its way cannot be mistaken for
 * one sent after), then erases them as an admin would and notes where each stand-in's calls stood.
 */
export async function eraseWhenQuiet(
  storeUrl: string,
  adminHeaders: Record<string, string>,
  db: Knex,
  platforms: Record<string, StandIn>,
  shopper: { email: string; headers: Record<string, string> },
  orderIds: () => string[],
  deadline: number
): Promise<ErasedShopper> {
  const { customer } = await call(`${storeUrl}/store/customers/me`, "GET", undefined, shopper.headers)
  // a poll that fails (the shared PostgreSQL out of connections for a while) is tried again
  while (!(await quiet(db, customer.id, orderIds()).catch(() => false))) {
    if (Date.now() > deadline) {
      throw new Error(`soak: the plugin never finished ${customer.id}'s work before its erasure`)
    }
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  const ids = await db("engagement_contact_sync").where({ customer_id: customer.id }).whereNotNull("external_id")
  const identifiers = [shopper.email, ...ids.map((row: { external_id: string }) => row.external_id)]
  const answer = (await call(
    `${storeUrl}/admin/engagement/contacts/${customer.id}/erase`,
    "POST",
    { confirm: shopper.email },
    adminHeaders
  )) as ErasureAnswer
  const marks = Object.fromEntries(Object.entries(platforms).map(([name, standIn]) => [name, standIn.requests.length]))
  return {
    email: shopper.email,
    customerId: customer.id,
    erasureId: answer.erasure_id,
    stopCalls: Object.fromEntries(answer.platforms.map((platform) => [platform.id, platform.stop_calls])),
    identifiers: [...new Set(identifiers)],
    marks,
    at: Date.now(),
  }
}

const textOf = (url: string, body: string) => {
  try {
    return `${decodeURIComponent(url)} ${body}`
  } catch {
    return `${url} ${body}`
  }
}

export async function erasureChecks(
  db: Knex,
  platforms: Record<string, StandIn>,
  erased: ErasedShopper[]
): Promise<Figure[]> {
  const after: string[] = []
  const stopProblems: string[] = []
  let stopCalls = 0
  for (const shopper of erased) {
    const ownKey = `erasure:${shopper.erasureId}:`
    for (const [name, standIn] of Object.entries(platforms)) {
      for (const request of standIn.requests.slice(shopper.marks[name])) {
        const text = textOf(request.url, request.rawBody)
        const key = String(request.headers["idempotency-key"] ?? "")
        if (shopper.identifiers.some((id) => text.includes(id)) && !key.startsWith(ownKey)) {
          after.push(`${name} ${request.method} ${request.route ?? request.path} for ${shopper.customerId}`)
        }
      }
    }
    const rows: { platform: string; idempotency_key: string }[] = await db("engagement_delivery")
      .where("origin", "erasure")
      .andWhere("idempotency_key", "like", `${ownKey}%`)
      .select("platform", "idempotency_key")
    const promised = Object.values(shopper.stopCalls).flat().length
    if (rows.length !== promised) {
      stopProblems.push(
        `${shopper.customerId}: ${rows.length} stop calls in the outbox, the erasure answered ${promised}`
      )
    }
    for (const row of rows) {
      stopCalls++
      const accepted = (platforms[row.platform]?.requests ?? []).filter(
        (request) =>
          request.headers["idempotency-key"] === row.idempotency_key &&
          typeof request.answeredWith === "number" &&
          request.answeredWith < 300
      ).length
      if (accepted !== 1) {
        stopProblems.push(`${row.platform} ${row.idempotency_key} accepted ${accepted} times`)
      }
    }
  }
  return [
    {
      name: "soak: erased shoppers' calls sent after their erasure (but their stop calls)",
      value: after.length,
      compare: "<=",
      target: 0,
      unit: "calls",
      detail:
        after.slice(0, 3).join("; ") ||
        `${erased.length} shoppers erased during the load, every call to the ${Object.keys(platforms).length} platforms after it searched for their email and platform ids`,
    },
    {
      name: "soak: erased shoppers' stop calls not accepted exactly once",
      // an erasure that wrote no stop call at all would check nothing
      value: stopProblems.length + (stopCalls ? 0 : 1),
      compare: "<=",
      target: 0,
      unit: "calls",
      detail: stopProblems.slice(0, 3).join("; ") || `${stopCalls} stop calls, each accepted once (by Idempotency-Key)`,
    },
  ]
}
