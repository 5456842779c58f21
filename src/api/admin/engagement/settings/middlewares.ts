import type { MiddlewareRoute } from "@medusajs/framework/http"
import { NoQuery, validateBody, validateQuery } from "../../../utils/validation"
import { AdminPreviewSettings, AdminRestoreSettings, AdminSaveSettings, AdminSettingsHistoryParams } from "./validators"

// /admin/* routes are admin-only (Medusa authenticates users there before any of these)
export const adminSettingsRoutesMiddlewares: MiddlewareRoute[] = [
  { method: ["GET"], matcher: "/admin/engagement/settings", middlewares: [validateQuery(NoQuery)] },
  { method: ["GET"], matcher: "/admin/engagement/settings/:area", middlewares: [validateQuery(NoQuery)] },
  {
    method: ["POST"],
    matcher: "/admin/engagement/settings/:area",
    middlewares: [validateBody(AdminSaveSettings), validateQuery(NoQuery)],
  },
  {
    method: ["GET"],
    matcher: "/admin/engagement/settings/:area/history",
    middlewares: [validateQuery(AdminSettingsHistoryParams)],
  },
  {
    method: ["POST"],
    matcher: "/admin/engagement/settings/:area/restore",
    middlewares: [validateBody(AdminRestoreSettings), validateQuery(NoQuery)],
  },
  {
    method: ["POST"],
    matcher: "/admin/engagement/settings/:area/preview",
    middlewares: [validateBody(AdminPreviewSettings), validateQuery(NoQuery)],
  },
]
