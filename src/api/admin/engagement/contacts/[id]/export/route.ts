import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type EngagementModuleService from "../../../../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../../../../modules/engagement/types"
import { contactDetail, contactFilterFor } from "../../helpers"

/**
 * GET /admin/engagement/contacts/:id/export: everything the plugin holds about the customer, as
 * one JSON document for a data-access request.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const id = req.params.id
  const { contact } = await contactDetail(req.scope, contactFilterFor(id), `id ${id}`)
  const engagement = req.scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  const [review_requests, deliveries, order_facts] = await Promise.all([
    engagement.listReviewRequests({ customer_id: contact.customer_id }),
    engagement.listDeliveries({ customer_id: contact.customer_id }, { order: { created_at: "ASC" } }),
    engagement.listOrderFacts({ customer_id: contact.customer_id }),
  ])
  res.setHeader("Content-Disposition", `attachment; filename="engagement-${contact.customer_id}.json"`)
  res.json({ exported_at: new Date().toISOString(), contact, review_requests, deliveries, order_facts })
}
