import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type EngagementModuleService from "../../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../../provider-api/provider"
import { currentConsentsOf } from "../../../utils/current-consents"
import { refuseIfErased } from "../../../utils/erased"
import { defaultAdminContactFields } from "./query-config"

/** A contact with statistics, current consents and their history; 404 when there is none. */
export async function contactDetail(scope: MedusaContainer, filters: Record<string, string>, label: string) {
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
    engagement.listConsents(
      { customer_id: contact.customer_id },
      { order: { recorded_at: "DESC", created_at: "DESC" } }
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
  return { contact: { ...contact, consents, consent_history: history, sync } }
}

/** A contact is addressed by its own id, or by its Medusa customer id. */
export function contactFilterFor(id: string): Record<string, string> {
  return id.startsWith("cus_") ? { customer_id: id } : { id }
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
