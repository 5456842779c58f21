import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import type { SettingVersionRow } from "../../../../utils/setting-versions"
import { settingsOwnerOf } from "../../../../workflows/settings/utils"

/** The emails of the admins who saved `rows`, by user id: the owner reads who, not an id. */
export async function adminEmailsOf(container: MedusaContainer, rows: SettingVersionRow[]) {
  const ids = [...new Set(rows.filter((row) => row.actor_type === "user").map((row) => row.actor_id))]
  const users = ids.length
    ? await container.resolve(Modules.USER).listUsers({ id: ids }, { select: ["id", "email"] })
    : []
  return new Map(users.map((user) => [user.id, user.email]))
}

/** One version as the history shows it: who, when, and what (null values: reset to the options). */
export function versionAnswer(row: SettingVersionRow, emails: Map<string, string>) {
  return {
    version: row.version,
    values: row.values,
    is_reset: row.values === null,
    restored_from: row.restored_from,
    actor_type: row.actor_type,
    actor_id: row.actor_id,
    actor_email: emails.get(row.actor_id) ?? null,
    created_at: row.created_at,
  }
}

/**
 * An area as the admin edits it: the values in effect, the configured defaults, and the version
 * to send back with a save. Never a secret: no area holds one.
 */
export async function settingsAnswer(container: MedusaContainer, area: string) {
  const { module, owner } = settingsOwnerOf(container, area)
  const [{ defaults, values, refused }, [latest]] = await Promise.all([
    owner.describeSettingsArea(area),
    owner.listSettingVersions(area, 1),
  ])
  const emails = await adminEmailsOf(container, latest ? [latest] : [])
  return {
    area,
    module,
    version: latest?.version ?? 0,
    // saved in the admin and not reset: the saved values win over the options
    is_default: !latest || latest.values === null,
    saved_by: latest
      ? { actor_type: latest.actor_type, actor_id: latest.actor_id, email: emails.get(latest.actor_id) ?? null }
      : null,
    saved_at: latest?.created_at ?? null,
    values,
    defaults,
    // the newest version no longer fits the options after an upgrade: shown, and the options apply
    refused_problems: refused,
  }
}
