import type { MedusaNextFunction, MedusaRequest, MedusaResponse, MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../../utils/validation"
import { listContactsTransformQueryConfig } from "./query-config"
import {
  AdminCancelJourneys,
  AdminEraseContact,
  AdminPlatformCopyParams,
  AdminGetContactParams,
  AdminGetContactsParams,
  AdminLookupContact,
  AdminRecordContactConsents,
  AdminSyncContact,
  AdminUpsertContacts,
} from "./validators"

/**
 * The lookups by an email or phone in the path still answer, marked deprecated (RFC 9745): the path
 * puts the email or phone in Medusa's access log. POST /admin/engagement/contacts/lookup replaces them.
 */
const deprecatedForLookup = (_req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => {
  res.setHeader("Deprecation", "@1796083200")
  res.setHeader("Link", '</admin/engagement/contacts/lookup>; rel="successor-version"')
  next()
}

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
    method: ["POST"],
    matcher: "/admin/engagement/contacts/lookup",
    middlewares: [noQuery, validateBody(AdminLookupContact)],
  },
  {
    method: ["GET"],
    matcher: "/admin/engagement/contacts/email/:email",
    middlewares: [noQuery, deprecatedForLookup],
  },
  {
    method: ["GET"],
    matcher: "/admin/engagement/contacts/crm-id/:crm_id",
    middlewares: [noQuery],
  },
  {
    method: ["GET"],
    matcher: "/admin/engagement/contacts/phone/:phone",
    middlewares: [noQuery, deprecatedForLookup],
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
    method: ["GET"],
    matcher: "/admin/engagement/contacts/:id/erasure",
    middlewares: [noQuery],
  },
  {
    method: ["POST"],
    matcher: "/admin/engagement/contacts/:id/erase",
    middlewares: [noQuery, validateBody(AdminEraseContact)],
  },
]
