import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { AdminGetDeliveriesParamsType } from "./validators"

/** GET /admin/engagement/deliveries: the outbox, filterable by status, platform, customer and order. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetDeliveriesParamsType>, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: deliveries, metadata } = await query.graph({
    entity: "delivery",
    fields: req.queryConfig.fields,
    filters: req.filterableFields,
    pagination: req.queryConfig.pagination,
  })
  res.json({
    deliveries,
    count: metadata?.count ?? 0,
    offset: metadata?.skip ?? 0,
    limit: metadata?.take ?? 0,
  })
}
