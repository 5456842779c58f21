import { randomUUID } from "node:crypto"
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type EngagementModuleService from "../../../../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../../../../provider-api/provider"
import { platformFailureAnswer } from "../../../../../../provider-api/platform-failure"
import { contactDetail, contactFilterFor } from "../../helpers"
import type { AdminPlatformCopyParamsType } from "../../validators"

// the contact's field each lookup reads; `id` is the platform's own id of the contact
const FIELDS = { email: "email", phone: "phone", crm_id: "crm_id", id: null } as const

/**
 * GET /admin/engagement/contacts/:id/platform-copy?by=email|phone|crm_id|id: the platform's own copy
 * of the contact (the platform that offers contact lookups), to compare with the plugin's. The call
 * is an outbox row like every other, attempted at once; 404 when the platform has no such contact,
 * 424 naming it when it does not answer.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminPlatformCopyParamsType>,
  res: MedusaResponse
) => {
  const engagement = req.scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  const [platform] = engagement.providersWith("contact_lookup")
  if (!platform) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "No switched-on platform offers contact lookups")
  }
  const id = req.params.id
  const { contact } = await contactDetail(req.scope, contactFilterFor(id), `id ${id}`)
  const { by } = req.validatedQuery
  const field = FIELDS[by]
  const value = field ? contact[field] : (contact.external_ids as Record<string, string> | null)?.[platform.id]
  if (!value) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `by: the contact has no ${by} to look up in ${platform.name}`)
  }
  const [{ delivery }] = await engagement.enqueueDeliveries([
    {
      origin: "contact_lookup",
      platform: platform.id,
      operation: platform.capability.operation(by),
      payload: { value },
      idempotency_key: `${platform.id}-lookup:${contact.id}:${randomUUID()}`,
      customer_id: contact.customer_id,
      // a read answers the admin now or not at all: it is not retried later
      max_attempts: 1,
    },
  ])
  await engagement.dispatchDueDeliveries({ ids: [delivery.id], platforms: [platform.id] })
  const answered = await engagement.retrieveDelivery(delivery.id)
  const summary = (answered.response_summary ?? {}) as { found?: boolean; body?: { data?: unknown } }
  if (answered.status !== "delivered") {
    // never a 5xx: the store is fine, the platform it depends on is not
    const failure = platformFailureAnswer({
      type: "platform_unavailable",
      message: `${platform.name} did not answer the lookup: ${answered.last_error ?? answered.status}`,
      platform: platform.name,
      failed: "contact lookup",
    })
    res.status(failure.status).json({ ...failure.body, delivery_id: answered.id })
    return
  }
  if (!summary.found) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `${platform.name} has no contact with this ${by}`)
  }
  res.json({ platform: platform.id, customer: summary.body?.data ?? null, delivery_id: answered.id })
}
