import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type EngagementModuleService from "../../../../modules/engagement/service"
import { subjectHashOf } from "../../../../modules/engagement/privacy/erased-customers"
import { ENGAGEMENT_MODULE } from "../../../../provider-api/provider"

/** An erasure still in force, as the admin shows it: when, by whom, and what each platform still holds. */
export interface ErasureInForce {
  id: string
  erased_at: Date
  erased_by: { type: string; id: string; name: string | null; email: string | null }
  platforms: Record<string, { name: string; stop_calls: string[]; still_held: string[] }>
}

/**
 * The customer's latest erasure when it is still in force: they have not acted since (no order, no
 * change to their own profile or consents; see `listErasedCustomers`). Null otherwise.
 */
export async function erasureInForce(scope: MedusaContainer, customerId: string): Promise<ErasureInForce | null> {
  const engagement = scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  const [erased] = await engagement.listErasedCustomers([customerId])
  if (!erased) {
    return null
  }
  const [erasure] = await engagement.listErasures(
    { subject_hash: subjectHashOf(customerId) },
    { order: { created_at: "DESC" }, take: 1 }
  )
  if (!erasure) {
    return null
  }
  let name: string | null = null
  let email: string | null = null
  if (erasure.actor_type === "user") {
    const query = scope.resolve(ContainerRegistrationKeys.QUERY)
    const {
      data: [user],
    } = await query.graph({
      entity: "user",
      fields: ["id", "email", "first_name", "last_name"],
      filters: { id: erasure.actor_id },
    })
    name = [user?.first_name, user?.last_name].filter(Boolean).join(" ") || null
    email = user?.email ?? null
  }
  return {
    id: erasure.id,
    erased_at: erasure.created_at,
    erased_by: { type: erasure.actor_type, id: erasure.actor_id, name, email },
    platforms: erasure.platforms as ErasureInForce["platforms"],
  }
}

/**
 * Refuses an admin write for an erased customer (400, nothing written): adjusting points, blocking,
 * recording consents or syncing would rebuild what the erasure removed. Writes resume once the
 * shopper acts again themselves.
 */
export async function refuseIfErased(scope: MedusaContainer, customerId: string): Promise<void> {
  const erasure = await erasureInForce(scope, customerId)
  if (erasure) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `The customer was erased on ${new Date(erasure.erased_at).toISOString()}: nothing is written for them ` +
        "until they act again themselves (an order, a change to their profile or consents)"
    )
  }
}
