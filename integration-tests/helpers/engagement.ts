import type { AxiosInstance } from "axios"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import sendDueReviewRequests from "../../src/jobs/send-due-review-requests"
import type EngagementModuleService from "../../src/modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../src/provider-api/provider"
import type LoyaltyModuleService from "../../src/modules/loyalty/service"
import { LOYALTY_MODULE } from "../../src/modules/loyalty/types"
import { eventually } from "./stand-ins"
import { createShopper, type RequestConfig, type TestStore } from "./store"

export function engagementOf(container: MedusaContainer): EngagementModuleService {
  return container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
}

/** The order's review request, once the `order.placed` subscriber has stored it. */
export async function reviewRequestOf(container: MedusaContainer, orderId: string) {
  return await eventually(async () => (await engagementOf(container).listReviewRequests({ order_id: orderId }))[0])
}

/** Lets the send time of a review request pass, as the clock would. */
export async function makeDue(container: MedusaContainer, reviewRequestId: string) {
  await engagementOf(container).updateReviewRequests({ id: reviewRequestId, send_at: new Date(Date.now() - 1000) })
}

/** Runs the send job, then drives the outbox until the request is no longer waiting. */
export async function sendDueAndSettle(container: MedusaContainer, reviewRequestId: string) {
  await sendDueReviewRequests(container)
  const engagement = engagementOf(container)
  return await eventually(async () => {
    await engagement.dispatchDueDeliveries()
    const row = await engagement.retrieveReviewRequest(reviewRequestId)
    return row.status !== "scheduled" ? row : undefined
  })
}

/** Drives the outbox until the delivery has an outcome, as the sweep job would. */
export async function settleDelivery(container: MedusaContainer, id: string) {
  const engagement = engagementOf(container)
  return await eventually(async () => {
    await engagement.dispatchDueDeliveries()
    const row = await engagement.retrieveDelivery(id)
    return ["delivered", "failed", "dead"].includes(row.status) ? row : undefined
  })
}

/** Lets the coalescing window of every waiting contact pass, then runs the contact sync as the job would. */
export async function syncContactsNow(container: MedusaContainer) {
  const engagement = engagementOf(container)
  const waiting = await engagement.listContactSyncs({ dirty: true })
  if (waiting.length) {
    await engagement.updateContactSyncs(waiting.map((row) => ({ id: row.id, due_at: new Date(Date.now() - 1000) })))
  }
  return await engagement.runContactSync()
}

/** Lets the backoff of every waiting delivery pass, as time would. */
export async function makeDeliveriesDue(container: MedusaContainer, platform?: string) {
  const engagement = engagementOf(container)
  const waiting = await engagement.listDeliveries({ status: "pending", ...(platform ? { platform } : {}) })
  if (waiting.length) {
    await engagement.updateDeliveries(
      waiting.map((row) => ({ id: row.id, next_attempt_at: new Date(Date.now() - 1000) }))
    )
  }
  return waiting.length
}

/** The customer's sync state on one platform, once the customer's change has been noted. */
export async function contactSyncOf(container: MedusaContainer, customerId: string, platform: string) {
  return await eventually(
    async () => (await engagementOf(container).listContactSyncs({ customer_id: customerId, platform }))[0]
  )
}

export function loyaltyOf(container: MedusaContainer): LoyaltyModuleService {
  return container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
}

/** The loyalty rows matching `filters`, once there are any (the order subscribers write them after the checkout answers). */
export async function loyaltyRowsOf(
  container: MedusaContainer,
  filters: Parameters<LoyaltyModuleService["listLoyaltyTransactions"]>[0]
) {
  return await eventually(async () => {
    const rows = await loyaltyOf(container).listLoyaltyTransactions(filters)
    return rows.length ? rows : undefined
  })
}

/** The shopper's loyalty summary, as `GET /store/engagement/loyalty` answers it. */
export async function loyaltySummaryOf(api: AxiosInstance, session: RequestConfig) {
  return (await api.get("/store/engagement/loyalty", session)).data.loyalty
}

/** A new signed-in shopper (see createShopper) with `points` given by an admin's adjustment (none for 0). */
export async function createShopperWithPoints(
  api: AxiosInstance,
  store: TestStore,
  admin: RequestConfig,
  email: string,
  points: number
) {
  const session = await createShopper(api, store, email)
  if (points) {
    await adjustPoints(api, admin, session.customerId, points)
  }
  return session
}

/** Gives (or, negative, takes) a customer's points through the admin's adjustment route. */
export async function adjustPoints(
  api: AxiosInstance,
  admin: RequestConfig,
  customerId: string,
  points: number,
  reason = "welcome"
) {
  return await api.post(`/admin/engagement/contacts/${customerId}/loyalty/adjustments`, { points, reason }, admin)
}

/** The customer's consent ledger, oldest first. */
export async function consentLedgerOf(container: MedusaContainer, customerId: string) {
  return await engagementOf(container).listConsents(
    { customer_id: customerId },
    { order: { recorded_at: "ASC", created_at: "ASC" } }
  )
}

/** The double opt-in confirmation emails sent to `to`, oldest first. */
export async function confirmationEmailsTo(container: MedusaContainer, to: string) {
  return await container
    .resolve(Modules.NOTIFICATION)
    .listNotifications({ to, template: "engagement-consent-confirmation" }, { order: { created_at: "ASC" } })
}

/** A new signed-in shopper, Grace Hopper, once the contact sync has noted the customer. */
export async function syncedShopper(api: AxiosInstance, store: TestStore, container: MedusaContainer, email: string) {
  const shopper = await createShopper(api, store, email, { first_name: "Grace", last_name: "Hopper" })
  await contactSyncOf(container, shopper.customerId, "engage")
  return shopper
}

/** Everything the Medusa customer record holds that a contact write could touch. */
export async function customerRecord(container: MedusaContainer, id: string) {
  const customer = await container.resolve(Modules.CUSTOMER).retrieveCustomer(id)
  const { updated_at, ...fields } = customer as unknown as Record<string, unknown>
  return fields
}

/** The customer's contact profile row, every column but updated_at (undefined while there is none). */
export async function profileRecord(container: MedusaContainer, customerId: string) {
  const [profile] = await engagementOf(container).listContactProfiles({ customer_id: customerId })
  if (!profile) {
    return undefined
  }
  const { updated_at, ...fields } = profile as unknown as Record<string, unknown>
  return JSON.parse(JSON.stringify(fields))
}

/** Every row of every plugin table (engagement_*, loyalty_*) as text, and which hold one of `needles` (in any case). */
export async function scanPluginTables(container: MedusaContainer, needles: string[]) {
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const { rows: tables } = await pg.raw(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema()
       AND (tablename LIKE 'engagement\\_%' OR tablename LIKE 'loyalty\\_%') ORDER BY tablename`
  )
  const hits: string[] = []
  const dump: string[] = []
  for (const { tablename } of tables as { tablename: string }[]) {
    const { rows } = await pg.raw(`SELECT t::text AS row FROM "${tablename}" t ORDER BY 1`)
    for (const { row } of rows as { row: string }[]) {
      dump.push(`${tablename}: ${row}`)
      for (const needle of needles) {
        if (row.toLowerCase().includes(needle.toLowerCase())) {
          hits.push(`${tablename}: ${needle}`)
        }
      }
    }
  }
  return {
    tables: (tables as { tablename: string }[]).map(({ tablename }) => tablename),
    hits: [...new Set(hits)],
    dump,
  }
}

/** Rows without their times: a background job touching a row's `updated_at` is not a change of its data. */
export function withoutTimes(rows: string[]) {
  return rows.map((row) => row.replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}[.0-9+:]*/g, ""))
}
