import { z } from "@medusajs/framework/zod"

const version = z.number().int().min(0).max(2_147_483_647)

/**
 * A save: the version it edits (optimistic concurrency: 409 when another admin saved since) and
 * either the area's values (validated by the option's schema in the workflow, a 400 naming the
 * field) or `reset: true` (back to the configured options).
 */
export const AdminSaveSettings = z
  .object({
    version: version.describe("the version the values were edited from (0: never saved)"),
    values: z.record(z.string(), z.unknown()).optional(),
    reset: z.literal(true).optional(),
    apply_to_scheduled: z.boolean().optional(),
  })
  .strict()
export type AdminSaveSettingsType = z.infer<typeof AdminSaveSettings>

export const AdminRestoreSettings = z
  .object({
    version: version.describe("the version in effect when the owner chose to restore"),
    restore_version: version.min(1).describe("the earlier version whose values come back"),
  })
  .strict()
export type AdminRestoreSettingsType = z.infer<typeof AdminRestoreSettings>

export const AdminPreviewSettings = z.object({ values: z.record(z.string(), z.unknown()) }).strict()
export type AdminPreviewSettingsType = z.infer<typeof AdminPreviewSettings>

export const AdminSettingsHistoryParams = z
  .object({ limit: z.coerce.number().int().min(1).max(100).default(20) })
  .strict()
export type AdminSettingsHistoryParamsType = z.infer<typeof AdminSettingsHistoryParams>
