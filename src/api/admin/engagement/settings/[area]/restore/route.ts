import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { saveSettingsWorkflow } from "../../../../../../workflows/settings/workflows/save-settings"
import { settingsAnswer } from "../../helpers"
import type { AdminRestoreSettingsType } from "../../validators"

/** POST /admin/engagement/settings/:area/restore: an earlier version's values come back as the next version. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminRestoreSettingsType>, res: MedusaResponse) => {
  await saveSettingsWorkflow(req.scope).run({
    input: {
      area: req.params.area,
      base_version: req.validatedBody.version,
      values: null,
      restore_version: req.validatedBody.restore_version,
      actor: { type: req.auth_context.actor_type, id: req.auth_context.actor_id },
    },
  })
  res.json({ settings: await settingsAnswer(req.scope, req.params.area) })
}
