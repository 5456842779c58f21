import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../../lib/sdk"
import { engagementQueryKeys } from "./engagement"

export type SettingsValues = Record<string, unknown>

export type AdminSettingsArea = {
  area: string
  module: "loyalty" | "engagement"
  version: number
  is_default: boolean
  saved_by: { actor_type: string; actor_id: string; email: string | null } | null
  saved_at: string | null
  values: SettingsValues
  defaults: SettingsValues
  /** why the newest saved version no longer applies after an upgrade: the options are in effect */
  refused_problems: string[]
}

export type AdminSettingsVersion = {
  version: number
  values: SettingsValues | null
  is_reset: boolean
  restored_from: number | null
  actor_type: string
  actor_id: string
  actor_email: string | null
  created_at: string
}

export type SettingsSaveBody = { version: number; values?: SettingsValues; reset?: true; apply_to_scheduled?: boolean }

/** Keys of the settings, under the plugin's root key so every mutation refreshes them. */
export const settingsQueryKeys = {
  all: () => [...engagementQueryKeys.all, "settings"] as const,
  history: (area: string) => [...engagementQueryKeys.all, "settings", "history", area] as const,
}

export function useSettingsAreas() {
  return useQuery({
    queryKey: settingsQueryKeys.all(),
    queryFn: () => sdk.client.fetch<{ settings: AdminSettingsArea[] }>(`/admin/engagement/settings`),
  })
}

export function useSettingsHistory(area: string) {
  return useQuery({
    queryKey: settingsQueryKeys.history(area),
    queryFn: () =>
      sdk.client.fetch<{ versions: AdminSettingsVersion[] }>(`/admin/engagement/settings/${area}/history`, {
        query: { limit: 20 },
      }),
  })
}

/** What a save would change (and whether the API accepts the values): reads only. */
export function previewSettings(area: string, values: SettingsValues) {
  return sdk.client.fetch<{ values: SettingsValues; preview: Record<string, number> }>(
    `/admin/engagement/settings/${area}/preview`,
    { method: "POST", body: { values } }
  )
}

/** Save, reset (`reset: true`) or restore. Cache invalidation always runs before the caller's `onSuccess`. */
export function useSettingsMutation(
  area: string,
  kind: "save" | "restore",
  options: { onSuccess?: (result: { scheduled_moved?: number }) => void } = {}
) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: SettingsSaveBody | { version: number; restore_version: number }) =>
      sdk.client.fetch<{ settings: AdminSettingsArea; scheduled_moved?: number }>(
        `/admin/engagement/settings/${area}${kind === "restore" ? "/restore" : ""}`,
        { method: "POST", body }
      ),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: engagementQueryKeys.all })
      options.onSuccess?.(result)
    },
  })
}
