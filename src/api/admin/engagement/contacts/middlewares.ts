import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../../utils/validation"
import { listContactsTransformQueryConfig } from "./query-config"
import {
  AdminCancelJourneys,
  AdminEraseContact,
  AdminPlatformCopyParams,
  AdminGetContactParams,
  AdminGetContactsParams,
  AdminRecordContactConsents,
  AdminSyncContact,
  AdminUpsertContacts,
} from "./validators"

/** Routes that take no query parameters refuse every one (a 400 naming it). */
const noQuery = validateQuery(AdminGetContactParams)

export const adminContactRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/engagement/contacts",
    middlewares: [validateQuery(AdminGetContactsParams, listContactsTransformQueryConfig)],
  },
  {
    method: ["POST"],
    matcher: "/admin/engagement/contacts",
    middlewares: [noQuery, validateBody(AdminUpsertContacts)],
  },
  {
    method: ["GET"],
    matcher: "/admin/engagement/contacts/:id",
    middlewares: [noQuery],
  },
  {
    method: ["GET"],
    matcher: "/admin/engagement/contacts/:id/export",
    middlewares: [noQuery],
  },
  {
    method: ["GET"],
    matcher: "/admin/engagement/contacts/email/:email",
    middlewares: [noQuery],
  },
  {
    method: ["GET"],
    matcher: "/admin/engagement/contacts/crm-id/:crm_id",
    middlewares: [noQuery],
  },
  {
    method: ["GET"],
    matcher: "/admin/engagement/contacts/phone/:phone",
    middlewares: [noQuery],
  },
  {
    method: ["POST"],
    matcher: "/admin/engagement/contacts/:id/consents",
    middlewares: [noQuery, validateBody(AdminRecordContactConsents)],
  },
  {
    method: ["GET"],
    matcher: "/admin/engagement/contacts/:id/platform-copy",
    middlewares: [validateQuery(AdminPlatformCopyParams)],
  },
  {
    method: ["POST"],
    matcher: "/admin/engagement/contacts/:id/sync",
    middlewares: [noQuery, validateBody(AdminSyncContact)],
  },
  {
    method: ["POST"],
    matcher: "/admin/engagement/contacts/:id/journeys/cancel",
    middlewares: [noQuery, validateBody(AdminCancelJourneys)],
  },
  {
    method: ["POST"],
    matcher: "/admin/engagement/contacts/:id/erase",
    middlewares: [noQuery, validateBody(AdminEraseContact)],
  },
]
