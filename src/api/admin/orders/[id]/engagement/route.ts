import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { defaultAdminDeliveryFields } from "../../../engagement/deliveries/query-config"
import { defaultAdminReviewRequestFields } from "../../../engagement/review-requests/query-config"
import { loyaltyOf } from "../../../../utils/loyalty"
import { withPeople } from "../../../people"
import { orderPoints } from "../../../../../workflows/loyalty/utils/order-points"

/**
 * GET /admin/orders/:id/engagement: what the order page shows — the order's review request and
 * every outbox delivery made for it (review request, conversion, …) with its status, what became
 * of the checkout's consent choices (recorded for whom, and which were not, with the reason), and
 * the loyalty points it earned, redeemed, reversed and restored.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const orderId = req.params.id
  const { data: orders } = await query.graph({ entity: "order", fields: ["id"], filters: { id: orderId } })
  if (!orders.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order with id: ${orderId} was not found`)
  }
  const [{ data: reviewRequests }, { data: deliveries }, { data: checkouts }] = await Promise.all([
    query.graph({ entity: "review_request", fields: defaultAdminReviewRequestFields, filters: { order_id: orderId } }),
    query.graph({
      entity: "delivery",
      fields: [...defaultAdminDeliveryFields, "payload", "response_summary"],
      filters: { order_id: orderId },
      pagination: { order: { created_at: "ASC" } },
    }),
    query.graph({ entity: "checkout", fields: ["consents"], filters: { order_id: orderId } }),
  ])
  // the order's number and the customer's name, as every admin list shows them
  const [named, [reviewRequest]] = await Promise.all([
    withPeople(req.scope, deliveries),
    withPeople(req.scope, reviewRequests.slice(0, 1)),
  ])
  res.json({
    order_id: orderId,
    review_request: reviewRequest ?? null,
    deliveries: named,
    checkout_consents: checkouts[0]?.consents ?? null,
    loyalty: await orderPoints(loyaltyOf(req.scope), orderId),
  })
}
