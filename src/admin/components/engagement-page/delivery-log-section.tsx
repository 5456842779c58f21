import {
  Button,
  Container,
  createDataTableColumnHelper,
  createDataTableCommandHelper,
  createDataTableFilterHelper,
  DataTable,
  type DataTableFilteringState,
  type DataTablePaginationState,
  type DataTableRowSelectionState,
  Heading,
  toast,
  useDataTable,
} from "@medusajs/ui"
import { useMemo, useState } from "react"
import { useRetryDelivery } from "../../hooks/api/engagement"
import { type DeliveryLogQuery, useDeliveryLog, usePlatforms } from "../../hooks/api/engagement-page"
import { type UrlFilterKind, useUrlState, useUrlTableState } from "../../hooks/use-url-state"
import type { AdminDelivery } from "../../lib/types"
import { DeliveryStatusBadge } from "../status-badges"
import { useBulkDeliveryActions } from "./bulk-delivery-actions"
import { DeliveryDrawer } from "./delivery-drawer"
import { instant } from "./format"
import { SectionError } from "./section-state"

const PAGE_SIZE = 20
const STATUSES = ["pending", "sending", "delivered", "failed", "dead", "dry_run"]
const columnHelper = createDataTableColumnHelper<AdminDelivery>()
const filterHelper = createDataTableFilterHelper<AdminDelivery>()
const commandHelper = createDataTableCommandHelper()
// the filters in the page's URL (`?tab=deliveries&platform=rejoiner&status=failed`): a filter more is a key more
const URL_FILTERS: Record<string, UrlFilterKind> = {
  platform: "list",
  status: "list",
  operation: "text",
  customer_id: "text",
  order_id: "text",
  created_at: "range",
}

/** The filters as the deliveries route reads them. */
function toQuery(filtering: DataTableFilteringState, pagination: DataTablePaginationState): DeliveryLogQuery {
  const range = filtering.created_at as { $gte?: string; $lte?: string } | undefined
  const text = (key: string) =>
    typeof filtering[key] === "string" && filtering[key] ? (filtering[key] as string).trim() : undefined
  return {
    limit: pagination.pageSize,
    offset: pagination.pageIndex * pagination.pageSize,
    status: (filtering.status as string[] | undefined)?.length ? (filtering.status as string[]) : undefined,
    platform: (filtering.platform as string[] | undefined)?.length ? (filtering.platform as string[]) : undefined,
    operation: text("operation"),
    customer_id: text("customer_id"),
    order_id: text("order_id"),
    created_at: range && (range.$gte || range.$lte) ? { gte: range.$gte, lte: range.$lte } : undefined,
  }
}

/** The outbox: every call to a platform, filterable, with a drawer, retry and bulk retry. */
export const DeliveryLogSection = () => {
  const { filtering, setFiltering, pagination, setPagination } = useUrlTableState(URL_FILTERS, PAGE_SIZE)
  const [selection, setSelection] = useState<DataTableRowSelectionState>({})
  const [openId, setOpenId] = useUrlState("delivery")
  const query = toQuery(filtering, pagination)
  const { data, isLoading, error, refetch } = useDeliveryLog(query)
  const platforms = usePlatforms()
  const retry = useRetryDelivery({ onSuccess: () => toast.success("Delivery queued again") })
  const bulk = useBulkDeliveryActions(query, () => setSelection({}))

  const columns = useMemo(
    () => [
      columnHelper.select(),
      columnHelper.accessor("created_at", { header: "Created", cell: ({ getValue }) => instant(getValue()) }),
      columnHelper.accessor("platform", { header: "Platform" }),
      columnHelper.accessor("operation", { header: "Operation" }),
      columnHelper.accessor("status", {
        header: "Status",
        cell: ({ getValue }) => <DeliveryStatusBadge status={getValue()} />,
      }),
      columnHelper.accessor("attempts", {
        header: "Attempts",
        cell: ({ row }) => `${row.original.attempts}/${row.original.max_attempts}`,
      }),
      columnHelper.accessor("last_error", {
        header: "Last error",
        cell: ({ getValue }) => <span className="text-ui-fg-error">{getValue() ?? ""}</span>,
      }),
      columnHelper.action({
        actions: ({ row }) =>
          row.original.status === "failed" || row.original.status === "dead"
            ? [
                { label: "Open", onClick: () => setOpenId(row.original.id) },
                {
                  label: "Retry",
                  onClick: () => retry.mutate(row.original.id, { onError: (e) => toast.error(e.message) }),
                },
              ]
            : [{ label: "Open", onClick: () => setOpenId(row.original.id) }],
      }),
    ],
    [retry, setOpenId]
  )

  const filters = useMemo(
    () => [
      filterHelper.accessor("platform", {
        type: "multiselect",
        label: "Platform",
        options: (platforms.data?.platforms ?? []).map((p) => ({ label: p.name, value: p.id })),
      }),
      filterHelper.accessor("status", {
        type: "multiselect",
        label: "Status",
        options: STATUSES.map((s) => ({ label: s, value: s })),
      }),
      filterHelper.accessor("operation", {
        type: "string",
        label: "Operation",
        placeholder: "customer_contact_request",
      }),
      filterHelper.accessor("customer_id", { type: "string", label: "Customer", placeholder: "cus_…" }),
      filterHelper.accessor("order_id", { type: "string", label: "Order", placeholder: "order_…" }),
      filterHelper.accessor("created_at", {
        type: "date",
        label: "Created",
        format: "date",
        options: [
          { label: "Last 24 hours", value: { $gte: new Date(Date.now() - 86_400_000).toISOString() } },
          { label: "Last 7 days", value: { $gte: new Date(Date.now() - 7 * 86_400_000).toISOString() } },
        ],
      }),
    ],
    [platforms.data]
  )

  const commands = useMemo(
    () => [
      commandHelper.command({
        label: "Retry selected",
        shortcut: "r",
        action: async (selected) =>
          bulk.selected(
            "retry",
            Object.keys(selected).filter((id) => selected[id])
          ),
      }),
      commandHelper.command({
        label: "Cancel selected",
        shortcut: "c",
        action: async (selected) =>
          bulk.selected(
            "cancel",
            Object.keys(selected).filter((id) => selected[id])
          ),
      }),
    ],
    [bulk]
  )

  const table = useDataTable({
    columns,
    data: data?.deliveries ?? [],
    getRowId: (row) => row.id,
    rowCount: data?.count ?? 0,
    isLoading,
    filters,
    commands,
    filtering: { state: filtering, onFilteringChange: setFiltering },
    pagination: { state: pagination, onPaginationChange: setPagination },
    rowSelection: {
      state: selection,
      onRowSelectionChange: setSelection,
      enableRowSelection: (row) => row.original.status === "failed" || row.original.status === "dead",
    },
    onRowClick: (_, row) => setOpenId(row.id),
  })

  return (
    <Container className="p-0">
      <DataTable instance={table}>
        <DataTable.Toolbar className="flex flex-col items-start gap-2 px-6 py-4 md:flex-row md:items-center md:justify-between">
          <Heading level="h2">Delivery log</Heading>
          <div className="flex flex-wrap items-center gap-2">
            <DataTable.FilterMenu tooltip="Filter" />
            <Button size="small" variant="secondary" isLoading={bulk.isPending} onClick={() => bulk.filtered("cancel")}>
              Cancel failed and dead (filtered)
            </Button>
            <Button size="small" variant="secondary" isLoading={bulk.isPending} onClick={() => bulk.filtered("retry")}>
              Retry failed and dead (filtered)
            </Button>
          </div>
        </DataTable.Toolbar>
        {error ? (
          <SectionError error={error} onRetry={refetch} />
        ) : (
          <DataTable.Table
            emptyState={{
              empty: { heading: "Nothing sent to a platform yet" },
              filtered: { heading: "No delivery matches these filters" },
            }}
          />
        )}
        <DataTable.Pagination />
        <DataTable.CommandBar selectedLabel={(count) => `${count} selected`} />
      </DataTable>
      <DeliveryDrawer id={openId || null} onClose={() => setOpenId(null)} />
    </Container>
  )
}
