import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { saveSettingsWorkflow } from "../../../../../workflows/settings/workflows/save-settings"
import { settingsAnswer } from "../helpers"
import type { AdminSaveSettingsType } from "../validators"

/** GET /admin/engagement/settings/:area: the values in effect, the defaults (the options) and the version. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ settings: await settingsAnswer(req.scope, req.params.area) })
}

/**
 * POST /admin/engagement/settings/:area: saves the area's next version (or `reset: true`), by the
 * signed-in admin; 409 naming who saved first when `version` is not the newest.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminSaveSettingsType>, res: MedusaResponse) => {
  const { version, values, reset, apply_to_scheduled } = req.validatedBody
  if ((values === undefined) === (reset === undefined)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "values: give either values or reset: true")
  }
  const { result } = await saveSettingsWorkflow(req.scope).run({
    input: {
      area: req.params.area,
      base_version: version,
      values: values ?? null,
      apply_to_scheduled,
      actor: { type: req.auth_context.actor_type, id: req.auth_context.actor_id },
    },
  })
  res.json({ settings: await settingsAnswer(req.scope, req.params.area), scheduled_moved: result.scheduled_moved })
}
