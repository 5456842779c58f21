import { Button, Heading, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { useSettingsHistory, useSettingsMutation } from "../../hooks/api/settings"
import { instant } from "./format"
import { SectionState } from "./section-state"

/** An area's saved versions, newest first: who saved each and when, and a restore of an earlier one. */
export const SettingsHistory = ({ area, version }: { area: string; version: number }) => {
  const { data, isLoading, error, refetch } = useSettingsHistory(area)
  const prompt = usePrompt()
  const restore = useSettingsMutation(area, "restore", {
    onSuccess: () => toast.success("Earlier version restored"),
  })
  const restoreVersion = async (earlier: number) => {
    const confirmed = await prompt({
      title: `Restore version ${earlier}?`,
      description: `Its values become version ${version + 1}, in effect within seconds.`,
      confirmText: "Restore",
      cancelText: "Cancel",
    })
    if (confirmed) {
      restore.mutate({ version, restore_version: earlier }, { onError: (e) => toast.error(e.message) })
    }
  }
  return (
    <div className="px-6 py-4" data-section="settings-history">
      <Heading level="h3">History</Heading>
      <SectionState
        isLoading={isLoading}
        error={error}
        onRetry={refetch}
        isEmpty={!data?.versions.length}
        empty="Never saved: the options are in effect."
      >
        <div className="overflow-x-auto">
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Version</Table.HeaderCell>
                <Table.HeaderCell>Saved by</Table.HeaderCell>
                <Table.HeaderCell>When</Table.HeaderCell>
                <Table.HeaderCell>What</Table.HeaderCell>
                <Table.HeaderCell />
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {data?.versions.map((row) => (
                <Table.Row key={row.version} data-version={row.version}>
                  <Table.Cell>{row.version}</Table.Cell>
                  <Table.Cell>
                    <Text size="small">{row.actor_email ?? `${row.actor_type} ${row.actor_id}`}</Text>
                  </Table.Cell>
                  <Table.Cell>{instant(row.created_at)}</Table.Cell>
                  <Table.Cell>
                    {row.is_reset
                      ? "reset to default"
                      : row.restored_from
                        ? `restored version ${row.restored_from}`
                        : "saved"}
                  </Table.Cell>
                  <Table.Cell>
                    {row.version !== version && (
                      <Button size="small" variant="secondary" onClick={() => restoreVersion(row.version)}>
                        Restore
                      </Button>
                    )}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      </SectionState>
    </div>
  )
}
