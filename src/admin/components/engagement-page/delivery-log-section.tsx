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
import { type DeliveryLogQuery, useDeliveryLog, usePlatforms, usePlatformWords } from "../../hooks/api/engagement-page"
import { type UrlFilterKind, useUrlState, useUrlTableState } from "../../hooks/use-url-state"
import type { AdminDelivery } from "../../lib/types"
import { deliveryFinished, type PlatformWords, statusLabel } from "../../lib/words"
import { CustomerLink, OrderLink } from "../people"
import { DeliveryStatusBadge } from "../status-badges"
import { useBulkDeliveryActions } from "./bulk-delivery-actions"
import { DeliveryDrawer } from "./delivery-drawer"
import { isWaitingRetry, retryLabel } from "./delivery-retry"
import { instant } from "./format"
import { SectionError } from "./section-state"

const PAGE_SIZE = 20
const STATUSES = ["pending", "sending", "delivered", "failed", "dead", "dry_run"]
const columnHelper = createDataTableColumnHelper<AdminDelivery>()
const filterHelper = createDataTableFilterHelper<AdminDelivery>()
const commandHelper = createDataTableCommandHelper()
// the filters in the page's URL (`?tab=deliveries&platform=<id>&status=failed`): a filter more is a key more
const URL_FILTERS: Record<string, UrlFilterKind> = {
  platform: "list",
  status: "list",
  operation: "text",
  customer_id: "text",
  order_id: "text",
  created_at: "range",
}

/** Each operation the platforms offer once, by what it does. */
const operationOptions = (platforms: { operations: string[] }[], words: PlatformWords) =>
  [...new Set(platforms.flatMap((platform) => platform.operations))]
    .map((operation) => ({ label: words.operationLabel(operation), value: operation }))
    .sort((a, b) => a.label.localeCompare(b.label))

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
    operation: (filtering.operation as string[] | undefined)?.length ? (filtering.operation as string[]) : undefined,
    customer_id: text("customer_id"),
    order_id: text("order_id"),
    created_at: range && (range.$gte || range.$lte) ? { gte: range.$gte, lte: range.$lte } : undefined,
  }
}

/** The outbox: every call to a platform, filterable, with a drawer, retry (now, for a row waiting out its backoff) and bulk retry. */
export const DeliveryLogSection = () => {
  const { filtering, setFiltering, pagination, setPagination } = useUrlTableState(URL_FILTERS, PAGE_SIZE)
  const [selection, setSelection] = useState<DataTableRowSelectionState>({})
  const [openId, setOpenId] = useUrlState("delivery")
  const query = toQuery(filtering, pagination)
  const { data, isLoading, error, refetch } = useDeliveryLog(query)
  const platforms = usePlatforms()
  const words = usePlatformWords()
  const retry = useRetryDelivery({ onSuccess: () => toast.success("Delivery queued again") })
  const bulk = useBulkDeliveryActions(query, () => setSelection({}))

  const columns = useMemo(
    () => [
      columnHelper.select(),
      columnHelper.accessor("created_at", { header: "Created", cell: ({ getValue }) => instant(getValue()) }),
      columnHelper.accessor("platform", { header: "Platform", cell: ({ getValue }) => words.platformName(getValue()) }),
      columnHelper.accessor("operation", {
        header: "Operation",
        cell: ({ getValue, row }) => words.operationLabel(getValue(), row.original.platform),
      }),
      columnHelper.accessor("order_id", {
        header: "Order",
        cell: ({ row }) => <OrderLink order={row.original.order} />,
      }),
      columnHelper.accessor("customer_id", {
        header: "Customer",
        cell: ({ row }) => <CustomerLink customer={row.original.customer} />,
      }),
      columnHelper.accessor("status", {
        header: "Status",
        cell: ({ getValue }) => <DeliveryStatusBadge status={getValue()} />,
      }),
      columnHelper.accessor("attempts", {
        header: "Attempts",
        // a delivered (or canceled) row has no attempt left to count
        cell: ({ row }) =>
          deliveryFinished(row.original.status) ? "" : `${row.original.attempts} of ${row.original.max_attempts}`,
      }),
      columnHelper.accessor("next_attempt_at", {
        header: "Next try",
        cell: ({ row }) =>
          isWaitingRetry(row.original) ? (
            <span data-next-try={row.original.id}>{instant(row.original.next_attempt_at)}</span>
          ) : (
            ""
          ),
      }),
      columnHelper.accessor("last_error", {
        header: "Last error",
        cell: ({ getValue }) => <span className="text-ui-fg-error">{getValue() ?? ""}</span>,
      }),
      columnHelper.action({
        actions: ({ row }) => {
          const open = { label: "Open", onClick: () => setOpenId(row.original.id) }
          const label = retryLabel(row.original)
          return label
            ? [
                open,
                { label, onClick: () => retry.mutate(row.original.id, { onError: (e) => toast.error(e.message) }) },
              ]
            : [open]
        },
      }),
    ],
    [retry, setOpenId, words]
  )

  const filters = useMemo(
    () => [
      filterHelper.accessor("platform", {
        type: "multiselect",
        label: "Platform",
        options: (platforms.data?.platforms ?? []).map((p) => ({ label: words.platformName(p.id), value: p.id })),
      }),
      filterHelper.accessor("status", {
        type: "multiselect",
        label: "Status",
        options: STATUSES.map((s) => ({ label: statusLabel(s), value: s })),
      }),
      filterHelper.accessor("operation", {
        type: "multiselect",
        label: "Operation",
        searchable: true,
        options: operationOptions(platforms.data?.platforms ?? [], words),
      }),
      filterHelper.accessor("customer_id", { type: "string", label: "Customer", placeholder: "Name, email or cus_…" }),
      filterHelper.accessor("order_id", { type: "string", label: "Order", placeholder: "#5" }),
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
    [platforms.data, words]
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
