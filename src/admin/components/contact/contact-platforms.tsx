import { Button, Text, toast } from "@medusajs/ui"
import { useSyncContact } from "../../hooks/api/engagement"
import type { AdminContactSync } from "../../lib/types"
import { usePlatformWords } from "../../hooks/api/engagement-page"
import { SyncStatusBadge } from "../status-badges"
import { timeOf } from "./format"

// a sync in one of these stays stopped until the contact changes or an admin asks again
const STOPPED = ["conflict", "needs_linking", "error"]

/** What each marketing platform has of the contact: its id there, the sync state, the last error. */
export const ContactPlatforms = ({ contactId, sync }: { contactId: string; sync: AdminContactSync[] }) => {
  const resync = useSyncContact(contactId)
  const { platformName } = usePlatformWords()
  const again = (platform: string) =>
    resync.mutate(
      { platforms: [platform], reset: true },
      {
        onSuccess: () => toast.success(`${platformName(platform)}: the contact is sent again`),
        onError: (error) => toast.error(error.message),
      }
    )
  return (
    <div className="divide-y">
      {sync.map((row) => (
        <div key={row.platform} className="flex flex-col gap-y-1 px-6 py-3">
          <div className="flex items-center justify-between gap-x-2">
            <Text size="small" weight="plus">
              {platformName(row.platform)}
            </Text>
            <div className="flex items-center gap-x-2">
              {STOPPED.includes(row.status) && (
                <Button
                  size="small"
                  variant="secondary"
                  isLoading={resync.isPending}
                  onClick={() => again(row.platform)}
                >
                  Sync again
                </Button>
              )}
              <SyncStatusBadge status={row.status} />
            </div>
          </div>
          <Text size="xsmall" className="text-ui-fg-subtle truncate">
            {[
              // some platforms name no id, others have none after a bulk fallback until the next lookup
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
}
