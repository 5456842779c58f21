import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type EngagementModuleService from "../../../../../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../../../../../provider-api/provider"
import { cancelJourneysWorkflow } from "../../../../../../../workflows/contact-sync/workflows/cancel-journeys"
import { writableContact } from "../../../helpers"
import type { AdminCancelJourneysType } from "../../../validators"

/** POST /admin/engagement/contacts/:id/journeys/cancel: stops the contact's journeys at once on every platform that runs them. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCancelJourneysType>, res: MedusaResponse) => {
  const id = req.params.id
  const { contact } = await writableContact(req.scope, id)
  const engagement = req.scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  const platforms = engagement.providersWith("journeys")
  if (!platforms.length) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "No switched-on platform runs journeys: there are no journeys to cancel"
    )
  }
  if (!contact.email) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `The contact has no email: ${platforms.map(({ name }) => name).join(", ")} identifies customers by email`
    )
  }
  // each admin request is its own cancellation (journeys may have started again since the last one)
  const cause = `admin:${contact.customer_id}:${Date.now()}`
  const { result } = await cancelJourneysWorkflow(req.scope).run({
    input: { cancellations: [{ email: contact.email, customer_id: contact.customer_id, cause }] },
  })
  res.status(202).json({ deliveries: result })
}
