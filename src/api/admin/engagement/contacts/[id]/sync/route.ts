import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type EngagementModuleService from "../../../../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../../../../provider-api/provider"
import { syncCustomerContactsWorkflow } from "../../../../../../workflows/contact-sync/workflows/sync-customer-contacts"
import { contactDetail, writableContact } from "../../helpers"
import type { AdminSyncContactType } from "../../validators"

/**
 * POST /admin/engagement/contacts/:id/sync: sends the contact to the platforms now (e.g. after a
 * conflict was resolved on the platform); `reset` makes the plugin forget what it sent and look it up again.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminSyncContactType>, res: MedusaResponse) => {
  const id = req.params.id
  const { contact } = await writableContact(req.scope, id)
  const engagement = req.scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  const known = engagement.contactSyncPlatforms()
  const unknown = (req.validatedBody.platforms ?? []).filter((platform) => !known.includes(platform))
  if (unknown.length) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `platforms: ${unknown.join(", ")} ${unknown.length > 1 ? "are" : "is"} not switched on for contact sync (on: ${known.join(", ") || "none"})`
    )
  }
  if (req.validatedBody.reset) {
    await engagement.resetContactSyncs(contact.customer_id, req.validatedBody.platforms)
  }
  await syncCustomerContactsWorkflow(req.scope).run({
    input: { customer_ids: [contact.customer_id], coalesce_ms: 0, platforms: req.validatedBody.platforms },
  })
  res.json(await contactDetail(req.scope, { id: contact.id }, `id ${id}`))
}
