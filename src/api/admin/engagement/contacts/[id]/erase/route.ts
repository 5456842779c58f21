import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type EngagementModuleService from "../../../../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../../../../provider-api/provider"
import { subjectHashOf } from "../../../../../../workflows/privacy/steps/prepare-erasure"
import { eraseContactWorkflow } from "../../../../../../workflows/privacy/workflows/erase-contact"
import type { AdminEraseContactType } from "../../validators"

/**
 * POST /admin/engagement/contacts/:id/erase: the right to be forgotten. Erases or anonymises what
 * the plugin holds of the customer, cancels their waiting deliveries, sends each platform its stop
 * calls through the outbox, and answers with what each platform still holds (to delete there by
 * hand). `:id` is the contact's id or the Medusa customer id; the body's `confirm` must be the
 * customer's email (as the admin types it, any case) or the customer id. Erasing again is harmless: 200 with nothing left to erase and the earlier erasures.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminEraseContactType>, res: MedusaResponse) => {
  const id = req.params.id
  const engagement = req.scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  let customerId = id
  if (!id.startsWith("cus_")) {
    const [profile] = await engagement.listContactProfiles({ id }, { select: ["customer_id"] })
    if (!profile) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `No contact with id ${id}`)
    }
    customerId = profile.customer_id
  }
  if (!(await confirmsCustomer(req.scope, customerId, req.validatedBody.confirm))) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "confirm: must be the email or the Medusa customer id (cus_…) of the customer being erased; nothing was erased"
    )
  }
  const previous = await engagement.listErasures(
    { subject_hash: subjectHashOf(customerId) },
    { order: { created_at: "ASC" } }
  )
  const { result } = await eraseContactWorkflow(req.scope).run({
    input: { customer_id: customerId, actor: { type: req.auth_context.actor_type, id: req.auth_context.actor_id } },
  })
  res.json({ ...result, erased_before: previous.map((erasure) => ({ id: erasure.id, erased_at: erasure.created_at })) })
}

/** The admin typed the customer's email (any case, as Medusa or the contact profile has it) or their id. */
async function confirmsCustomer(scope: MedusaContainer, customerId: string, confirm: string): Promise<boolean> {
  if (confirm === customerId) {
    return true
  }
  const typed = confirm.trim().toLowerCase()
  if (!typed.includes("@")) {
    return false
  }
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const [{ data: customers }, { data: profiles }] = await Promise.all([
    query.graph({ entity: "customer", fields: ["email"], filters: { id: customerId } }),
    query.graph({ entity: "contact_profile", fields: ["email"], filters: { customer_id: customerId } }),
  ])
  return [customers[0]?.email, profiles[0]?.email].some((email) => !!email && email.toLowerCase() === typed)
}
