import { randomUUID } from "node:crypto"
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type EngagementModuleService from "../../../../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../../../../modules/engagement/types"
import { EXPERTSENDER, ExpertSenderOperations } from "../../../../../../providers/expertsender"
import { contactDetail, contactFilterFor } from "../../helpers"
import type { AdminExpertSenderLookupParamsType } from "../../validators"

const LOOKUPS = {
  email: { operation: ExpertSenderOperations.GetCustomerByEmail, field: "email" },
  phone: { operation: ExpertSenderOperations.GetCustomerByPhone, field: "phone" },
  crm_id: { operation: ExpertSenderOperations.GetCustomerByCrmId, field: "crm_id" },
  id: { operation: ExpertSenderOperations.GetCustomerById, field: null },
} as const

/**
 * GET /admin/engagement/contacts/:id/expertsender?by=email|phone|crm_id|id: ExpertSender's own copy
 * of the contact (seed 001's lookups), to compare with the plugin's. The call is an outbox row like
 * every other, attempted at once; 404 when ExpertSender has no such customer.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const engagement = req.scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  if (!engagement.isPlatformEnabled(EXPERTSENDER)) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "ExpertSender is not switched on")
  }
  const id = req.params.id
  const { contact } = await contactDetail(req.scope, contactFilterFor(id), `id ${id}`)
  const { by } = req.validatedQuery as AdminExpertSenderLookupParamsType
  const lookup = LOOKUPS[by]
  const value = lookup.field ? contact[lookup.field] : (contact.external_ids as Record<string, string> | null)?.[EXPERTSENDER]
  if (!value) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `by: the contact has no ${by} to look up in ExpertSender`)
  }
  const [{ delivery }] = await engagement.enqueueDeliveries([
    {
      platform: EXPERTSENDER,
      operation: lookup.operation,
      payload: { value },
      idempotency_key: `expertsender-lookup:${contact.id}:${randomUUID()}`,
      customer_id: contact.customer_id,
      // a read answers the admin now or not at all: it is not retried later
      max_attempts: 1,
    },
  ])
  await engagement.dispatchDueDeliveries({ ids: [delivery.id], platforms: [EXPERTSENDER] })
  const answered = await engagement.retrieveDelivery(delivery.id)
  const summary = (answered.response_summary ?? {}) as { found?: boolean; body?: { data?: unknown } }
  if (answered.status !== "delivered") {
    res.status(503).json({
      type: "unavailable",
      message: `ExpertSender did not answer the lookup: ${answered.last_error ?? answered.status}`,
      delivery_id: answered.id,
    })
    return
  }
  if (!summary.found) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `ExpertSender has no customer with this ${by}`)
  }
  res.json({ expertsender_customer: summary.body?.data ?? null, delivery_id: answered.id })
}
