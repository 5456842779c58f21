import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { settingsOwnerOf } from "../../../../../../workflows/settings/utils"
import { adminEmailsOf, versionAnswer } from "../../helpers"
import type { AdminSettingsHistoryParamsType } from "../../validators"

/** GET /admin/engagement/settings/:area/history: the saved versions, newest first, with who saved each and when. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { limit } = req.validatedQuery as AdminSettingsHistoryParamsType
  const { owner } = settingsOwnerOf(req.scope, req.params.area)
  const rows = await owner.listSettingVersions(req.params.area, limit)
  const emails = await adminEmailsOf(req.scope, rows)
  res.json({ area: req.params.area, versions: rows.map((row) => versionAnswer(row, emails)) })
}
