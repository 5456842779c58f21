import {
  Button,
  Container,
  createDataTableColumnHelper,
  createDataTableFilterHelper,
  DataTable,
  DatePicker,
  Drawer,
  Heading,
  Label,
  toast,
  useDataTable,
} from "@medusajs/ui"
import { useMemo, useState } from "react"
import { usePlatformWords, useReviewRequestAction, useReviewRequests } from "../../hooks/api/engagement-page"
import { type UrlFilterKind, useUrlTableState } from "../../hooks/use-url-state"
import type { AdminReviewRequestRow } from "../../lib/types"
import { orderNumber, type PlatformWords, reasonInWords } from "../../lib/words"
import { CustomerLink, OrderLink } from "../people"
import { ReviewRequestStatusBadge } from "../status-badges"
import { CancelReviewRequestPrompt, ReviewRequestRowActions } from "./review-request-actions"
import { instant } from "./format"
import { SectionError } from "./section-state"

const STATUSES = ["scheduled", "sent", "canceled", "skipped", "failed"]
const columnHelper = createDataTableColumnHelper<AdminReviewRequestRow>()
const filterHelper = createDataTableFilterHelper<AdminReviewRequestRow>()
// the filters in the page's URL (`?tab=review-requests&status=scheduled`): a filter more is a key more
const URL_FILTERS: Record<string, UrlFilterKind> = { status: "list", order_id: "text", customer_id: "text" }

/** What the request is now, in one line: when it goes, the platform's id, or why not; and the lines left out. */
function outcome(row: AdminReviewRequestRow, words: PlatformWords) {
  const leftOut = row.excluded_items?.length
    ? ` · left out: ${row.excluded_items.map((item) => `${item.title} (${reasonInWords(item.reason).toLowerCase()})`).join("; ")}`
    : ""
  return `${status(row, words)}${leftOut}`
}

function status(row: AdminReviewRequestRow, words: PlatformWords) {
  switch (row.status) {
    case "scheduled":
      return `${row.send_at ? `Sends ${instant(row.send_at)}` : `Waits for the order to be ${row.trigger}`}${row.reason ? ` · ${reasonInWords(row.reason)}` : ""}`
    case "sent":
      return `Sent ${instant(row.sent_at)} by ${words.platformName(row.channel)}${row.external_id ? ` (its id ${row.external_id})` : ""}`
    default:
      return reasonInWords(row.reason)
  }
}

const RescheduleDrawer = ({ row, onClose }: { row: AdminReviewRequestRow | null; onClose: () => void }) => {
  const [date, setDate] = useState<Date | null>(null)
  const action = useReviewRequestAction({
    onSuccess: () => {
      toast.success("Send date changed")
      onClose()
    },
  })
  return (
    <Drawer open={!!row} onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title asChild>
            <Heading>Change the send date</Heading>
          </Drawer.Title>
          <Drawer.Description>
            Review request for order {row ? (orderNumber(row.order) ?? row.order_id) : ""}
          </Drawer.Description>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-2">
          {/* react-aria's date field names each segment after the picker's label: a <label for> does not reach them */}
          <Label id="review-send-at-label">Send at</Label>
          <DatePicker
            aria-labelledby="review-send-at-label"
            granularity="minute"
            value={date}
            onChange={setDate}
            minValue={new Date()}
          />
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button variant="secondary">Cancel</Button>
          </Drawer.Close>
          <Button
            disabled={!date}
            isLoading={action.isPending}
            onClick={() =>
              row &&
              date &&
              action.mutate(
                { id: row.id, action: "reschedule", send_at: date.toISOString() },
                { onError: (e) => toast.error(e.message) }
              )
            }
          >
            Save
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}

/** Every review request: when it goes or why it did not, with send now, cancel and reschedule. */
export const ReviewRequestsSection = () => {
  const words = usePlatformWords()
  const { filtering, setFiltering, pagination, setPagination } = useUrlTableState(URL_FILTERS, 20)
  const [rescheduling, setRescheduling] = useState<AdminReviewRequestRow | null>(null)
  const [canceling, setCanceling] = useState<AdminReviewRequestRow | null>(null)
  const text = (key: string) =>
    typeof filtering[key] === "string" && filtering[key] ? (filtering[key] as string).trim() : undefined
  const { data, isLoading, error, refetch } = useReviewRequests({
    limit: pagination.pageSize,
    offset: pagination.pageIndex * pagination.pageSize,
    status: (filtering.status as string[] | undefined)?.length ? (filtering.status as string[]) : undefined,
    order_id: text("order_id"),
    customer_id: text("customer_id"),
  })
  const action = useReviewRequestAction({
    onSuccess: (row) =>
      toast.success(
        row.status === "scheduled" && row.delivery_id
          ? `Review request handed to ${words.platformName(row.channel)}`
          : `Review request ${row.status}`
      ),
  })

  const columns = useMemo(
    () => [
      columnHelper.accessor("order_id", {
        header: "Order",
        cell: ({ row }) => <OrderLink order={row.original.order} />,
      }),
      columnHelper.accessor("customer_id", {
        header: "Customer",
        cell: ({ row }) => <CustomerLink customer={row.original.customer} fallback={row.original.email} />,
      }),
      columnHelper.accessor("status", {
        header: "Status",
        cell: ({ getValue }) => <ReviewRequestStatusBadge status={getValue()} />,
      }),
      columnHelper.display({ id: "outcome", header: "When / why", cell: ({ row }) => outcome(row.original, words) }),
      columnHelper.accessor("created_at", { header: "Created", cell: ({ getValue }) => instant(getValue()) }),
      columnHelper.display({
        id: "actions",
        cell: ({ row }) => (
          <ReviewRequestRowActions
            row={row.original}
            onSend={() =>
              action.mutate({ id: row.original.id, action: "send" }, { onError: (e) => toast.error(e.message) })
            }
            onReschedule={() => setRescheduling(row.original)}
            onCancel={() => setCanceling(row.original)}
          />
        ),
      }),
    ],
    [action, words]
  )
  const filters = useMemo(
    () => [
      filterHelper.accessor("status", {
        type: "multiselect",
        label: "Status",
        options: STATUSES.map((s) => ({ label: s, value: s })),
      }),
      filterHelper.accessor("order_id", { type: "string", label: "Order", placeholder: "#5" }),
      filterHelper.accessor("customer_id", { type: "string", label: "Customer", placeholder: "Name, email or cus_…" }),
    ],
    []
  )
  const table = useDataTable({
    columns,
    data: data?.review_requests ?? [],
    getRowId: (row) => row.id,
    rowCount: data?.count ?? 0,
    isLoading,
    filters,
    filtering: { state: filtering, onFilteringChange: setFiltering },
    pagination: { state: pagination, onPaginationChange: setPagination },
  })

  return (
    <Container className="p-0">
      <DataTable instance={table}>
        <DataTable.Toolbar className="flex flex-col items-start gap-2 px-6 py-4 sm:flex-row sm:items-center sm:justify-between">
          <Heading level="h2">Review requests</Heading>
          <DataTable.FilterMenu tooltip="Filter" />
        </DataTable.Toolbar>
        {error ? (
          <SectionError error={error} onRetry={refetch} />
        ) : (
          <DataTable.Table
            emptyState={{
              empty: { heading: "No review request yet" },
              filtered: { heading: "No review request matches these filters" },
            }}
          />
        )}
        <DataTable.Pagination />
      </DataTable>
      <RescheduleDrawer row={rescheduling} onClose={() => setRescheduling(null)} />
      <CancelReviewRequestPrompt row={canceling} onClose={() => setCanceling(null)} />
    </Container>
  )
}
