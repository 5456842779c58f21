import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { upsertContactsWorkflow } from "../../../../workflows/contacts/workflows/upsert-contacts"
import { defaultAdminContactFields } from "./query-config"
import type { AdminGetContactsParamsType, AdminUpsertContactsType } from "./validators"

/** GET /admin/engagement/contacts: contacts, filterable by email, phone, crm_id and customer_id. */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetContactsParamsType>,
  res: MedusaResponse
) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { email, ...filters } = req.filterableFields as Record<string, unknown>
  const { data: contacts, metadata } = await query.graph({
    entity: "contact_profile",
    fields: req.queryConfig.fields,
    filters: { ...filters, ...(email ? { email: String(email).toLowerCase() } : {}) },
    pagination: req.queryConfig.pagination,
  })
  res.json({ contacts, count: metadata?.count ?? 0, offset: metadata?.skip ?? 0, limit: metadata?.take ?? 0 })
}

/**
 * POST /admin/engagement/contacts: a customer-API-style upsert (`mode` Add / Update / AddOrUpdate,
 * `matchBy` Email / PhoneNumber / CrmId). Add on an existing contact is 409, Update on a missing
 * one 404, an email, phone or CRM id of another contact 409 naming the field; the Medusa customer
 * is created or updated too. The batch is all or nothing.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminUpsertContactsType>, res: MedusaResponse) => {
  // a conflict's 409 keeps its message through the plugin's error handler (src/api/error-handler.ts)
  const { result: ids } = await upsertContactsWorkflow(req.scope).run({ input: req.validatedBody })
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: contacts } = await query.graph({
    entity: "contact_profile",
    fields: defaultAdminContactFields,
    filters: { id: ids },
  })
  res.json({ contacts })
}
