import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { listContactsTransformQueryConfig } from "./query-config"
import {
  AdminCancelJourneys,
  AdminExpertSenderLookupParams,
  AdminGetContactsParams,
  AdminRecordContactConsents,
  AdminSyncContact,
  AdminUpsertContacts,
} from "./validators"

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
  {
    method: ["GET"],
    matcher: "/admin/engagement/contacts/:id/expertsender",
    middlewares: [validateAndTransformQuery(AdminExpertSenderLookupParams, {})],
  },
  {
    method: ["POST"],
    matcher: "/admin/engagement/contacts/:id/sync",
    middlewares: [validateAndTransformBody(AdminSyncContact)],
  },
  {
    method: ["POST"],
    matcher: "/admin/engagement/contacts/:id/journeys/cancel",
    middlewares: [validateAndTransformBody(AdminCancelJourneys)],
  },
]
