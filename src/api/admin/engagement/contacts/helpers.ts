import type { MedusaContainer } from "@medusajs/framework/types"
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type EngagementModuleService from "../../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../../provider-api/provider"
import { currentConsentsOf } from "../../../../workflows/consents/utils/current-consents"
import { setLoyaltySpendingBlockWorkflow } from "../../../../workflows/loyalty/workflows/set-loyalty-spending-block"
import { refuseIfErased } from "./erasure-in-force"
import { loyaltyOf } from "../../../utils/loyalty"
import type LoyaltyModuleService from "../../../../modules/loyalty/service"
import { defaultAdminContactFields } from "./query-config"

/** How many of a contact's latest consent changes its view shows (`consent_history_more` says there are older ones). */
export const CONSENT_HISTORY_LIMIT = 50

/** A contact with statistics, current consents and their latest changes; 404 when there is none. */
export async function contactDetail(
  scope: MedusaContainer,
  filters: Record<string, string>,
  label: string,
  // the personal-data export: every consent change, not the latest
  { wholeHistory = false } = {}
) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [contact],
  } = await query.graph({ entity: "contact_profile", fields: defaultAdminContactFields, filters })
  if (!contact) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `No contact with ${label}`)
  }
  const engagement = scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  const [consents, history, syncs] = await Promise.all([
    currentConsentsOf(scope, contact.customer_id),
    // the latest changes only (one more, to tell whether there are older ones): the whole history
    // of a customer of years is in the personal-data export, not in every view of the contact
    engagement.listConsents(
      { customer_id: contact.customer_id },
      {
        order: { recorded_at: "DESC", created_at: "DESC" },
        ...(wholeHistory ? {} : { take: CONSENT_HISTORY_LIMIT + 1 }),
      }
    ),
    engagement.listContactSyncs({ customer_id: contact.customer_id }, { order: { platform: "ASC" } }),
  ])
  // what each platform has of the contact; credentials and sent values stay inside the plugin
  const sync = syncs.map((row) => ({
    platform: row.platform,
    status: row.status,
    external_id: row.external_id,
    changes_waiting: row.dirty,
    last_synced_at: row.last_synced_at,
    last_error: row.last_error,
    in_flight_delivery_id: row.in_flight_delivery_id,
  }))
  return {
    contact: {
      ...contact,
      consents,
      consent_history: wholeHistory ? history : history.slice(0, CONSENT_HISTORY_LIMIT),
      consent_history_more: !wholeHistory && history.length > CONSENT_HISTORY_LIMIT,
      sync,
    },
  }
}

/** A contact is addressed by its own id, or by its Medusa customer id. */
export function contactFilterFor(id: string): Record<string, string> {
  return id.startsWith("cus_") ? { customer_id: id } : { id }
}

/**
 * The Medusa customer an admin route's `:id` names: a customer id, or a contact profile id.
 * 404 when neither exists, so nothing is written for a customer that is not there.
 */
export async function customerIdForContact(scope: MedusaContainer, id: string): Promise<string> {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  if (id.startsWith("cus_")) {
    const { data } = await query.graph({ entity: "customer", fields: ["id"], filters: { id } })
    if (data[0]) {
      return data[0].id
    }
  } else {
    const { data } = await query.graph({ entity: "contact_profile", fields: ["customer_id"], filters: { id } })
    if (data[0]) {
      return data[0].customer_id
    }
  }
  throw new MedusaError(MedusaError.Types.NOT_FOUND, `No contact with id ${id}`)
}

/** The block and unblock routes: one workflow, the summary after it (400 for an erased customer). */
export function spendingBlockRoute(blocked: boolean) {
  return async (req: AuthenticatedMedusaRequest<{ reason: string }>, res: MedusaResponse) => {
    const customerId = await customerIdForContact(req.scope, req.params.id)
    await refuseIfErased(req.scope, customerId)
    await setLoyaltySpendingBlockWorkflow(req.scope).run({
      input: { customer_id: customerId, blocked, reason: req.validatedBody.reason },
    })
    const loyalty = loyaltyOf(req.scope)
    const [summary, blockedReason] = await Promise.all([
      loyalty.getLoyaltySummary(customerId),
      blockedReasonOf(loyalty, customerId),
    ])
    res.json({ loyalty: { customer_id: customerId, ...summary, blocked_reason: blockedReason } })
  }
}

/**
 * Why the customer's spending is blocked (the admin's reason, `debt`, or `closed` after an erasure);
 * null when it is not. For admin answers only: the reason is the store's, not the shopper's.
 */
export async function blockedReasonOf(loyalty: LoyaltyModuleService, customerId: string): Promise<string | null> {
  const [account] = await loyalty.listLoyaltyAccounts(
    { customer_id: customerId },
    { select: ["spending_blocked", "blocked_reason"] }
  )
  return account?.spending_blocked ? (account.blocked_reason ?? null) : null
}

/**
 * The contact an admin write is about, refused (400, nothing written) when the customer is erased:
 * checked before the lookup too, so an erased customer's id answers with the reason, not a 404.
 */
export async function writableContact(scope: MedusaContainer, id: string) {
  if (id.startsWith("cus_")) {
    await refuseIfErased(scope, id)
  }
  const detail = await contactDetail(scope, contactFilterFor(id), `id ${id}`)
  if (!id.startsWith("cus_")) {
    await refuseIfErased(scope, detail.contact.customer_id)
  }
  return detail
}
