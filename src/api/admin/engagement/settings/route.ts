import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { settingsAreaIds } from "../../../../workflows/settings/utils"
import { settingsAnswer } from "./helpers"

/** GET /admin/engagement/settings: every settings area, as in effect now. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const areas = settingsAreaIds(req.scope)
  res.json({ settings: await Promise.all(areas.map((area) => settingsAnswer(req.scope, area))) })
}
