import { Text } from "@medusajs/ui"
import type { AdminContactSync } from "../../lib/types"
import { SyncStatusBadge } from "../status-badges"
import { timeOf } from "./format"

/** What each marketing platform has of the contact: its id there, the sync state, the last error. */
export const ContactPlatforms = ({ sync }: { sync: AdminContactSync[] }) => (
  <div className="divide-y">
    {sync.map((row) => (
      <div key={row.platform} className="flex flex-col gap-y-1 px-6 py-3">
        <div className="flex items-center justify-between gap-x-2">
          <Text size="small" weight="plus">
            {row.platform}
          </Text>
          <SyncStatusBadge status={row.status} />
        </div>
        <Text size="xsmall" className="text-ui-fg-subtle break-all">
          {[
            // ExpertSender names no id, and Engage has none after a bulk fallback until the next lookup
            row.external_id && `id ${row.external_id}`,
            row.last_synced_at ? `last synced ${timeOf(row.last_synced_at)}` : "not synced yet",
            row.changes_waiting && "changes waiting",
          ]
            .filter(Boolean)
            .join(" · ")}
        </Text>
        {row.last_error && (
          <Text size="xsmall" className="text-ui-fg-error break-words">
            {row.last_error}
          </Text>
        )}
      </div>
    ))}
  </div>
)
