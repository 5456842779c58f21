import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { listContactsTransformQueryConfig } from "./query-config"
import { AdminGetContactsParams, AdminRecordContactConsents, AdminUpsertContacts } from "./validators"

export const adminContactRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/engagement/contacts",
    middlewares: [validateAndTransformQuery(AdminGetContactsParams, listContactsTransformQueryConfig)],
  },
  {
    method: ["POST"],
    matcher: "/admin/engagement/contacts",
    middlewares: [validateAndTransformBody(AdminUpsertContacts)],
  },
  {
    method: ["POST"],
    matcher: "/admin/engagement/contacts/:id/consents",
    middlewares: [validateAndTransformBody(AdminRecordContactConsents)],
  },
]
