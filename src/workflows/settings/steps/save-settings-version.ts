import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SettingsConflictError } from "../../../utils/setting-versions"
import { settingsOwnerOf } from "../utils"

export const saveSettingsVersionStepId = "save-settings-version"

export interface SaveSettingsVersionInput {
  area: string
  /** the version the owner edited: a save from an older one is refused (409) */
  base_version: number
  /** the new values, as the admin sent them (null: back to the configured options) */
  values: Record<string, unknown> | null
  /** a restore: the version whose values come back */
  restore_version?: number
  apply_to_scheduled?: boolean
  actor: { type: string; id: string }
}

/**
 * Validates the values by the area's option schema and appends the area's next version, with who
 * saved it; a restore takes an earlier version's values (checked again: the options may have
 * changed since). With `apply_to_scheduled`, scheduled review requests move with the new delay
 * in the same transaction. No compensation: it is the workflow's last step and writes in one transaction.
 */
export const saveSettingsVersionStep = createStep(
  saveSettingsVersionStepId,
  async (input: SaveSettingsVersionInput, { container }) => {
    const { owner } = settingsOwnerOf(container, input.area)
    let values = input.values
    if (input.restore_version !== undefined) {
      const earlier = await owner.retrieveSettingVersion(input.area, input.restore_version)
      if (!earlier) {
        throw new MedusaError(
          MedusaError.Types.NOT_FOUND,
          `restore_version: the ${input.area} settings have no version ${input.restore_version}`
        )
      }
      values = earlier.values
    }
    const parsed = values === null ? null : owner.parseSettingsValues(input.area, values)
    const result = await owner
      .saveSettingVersion({
        area: input.area,
        base_version: input.base_version,
        values: parsed,
        actor_type: input.actor.type,
        actor_id: input.actor.id,
        restored_from: input.restore_version ?? null,
        apply_to_scheduled: input.apply_to_scheduled,
      })
      .catch(async (error: unknown) => {
        throw await withSaverEmail(container, error)
      })
    const scheduledMoved = "scheduled_moved" in result ? (result.scheduled_moved as number) : 0
    return new StepResponse({ version: result.saved.version, scheduled_moved: scheduledMoved })
  }
)

/**
 * A refused save (409) names who saved first as the owner knows them, by email: the module knows
 * only the user's id.
 */
async function withSaverEmail(container: MedusaContainer, error: unknown) {
  if (!(error instanceof SettingsConflictError) || error.conflict.saver?.actor_type !== "user") {
    return error
  }
  const saver = error.conflict.saver
  const [user] = await container
    .resolve(Modules.USER)
    .listUsers({ id: saver.actor_id }, { select: ["email"] })
    .catch(() => [])
  return user?.email ? error.naming(user.email) : error
}
