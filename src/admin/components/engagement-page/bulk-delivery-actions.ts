import { toast, usePrompt } from "@medusajs/ui"
import {
  countDeliveries,
  type DeliveryLogQuery,
  useBulkCancelDeliveries,
  useBulkRetryDeliveries,
} from "../../hooks/api/engagement-page"
import type { BulkCancelResult, BulkRetryResult, BulkRetrySelection } from "../../lib/types"

/** The most rows one bulk call takes (the routes' limit). */
const PER_CALL = 100

const retriedMessage = (result: BulkRetryResult) =>
  `${result.retried.length} queued again` +
  (result.skipped.length ? `, ${result.skipped.length} left as they were` : "") +
  (result.has_more ? "; more match: retry again for the next 100" : "")

const canceledMessage = (result: BulkCancelResult) =>
  `${result.canceled.length} canceled` +
  (result.skipped.length ? `, ${result.skipped.length} left as they were` : "") +
  (result.has_more ? "; more match: cancel again for the next 100" : "")

const rows = (n: number) => `${n.toLocaleString()} ${n === 1 ? "delivery" : "deliveries"}`

/** The log's visible filters as the bulk routes read them, failed and dead rows only; null when the status filter selects none. */
export function bulkFilterOf(query: DeliveryLogQuery) {
  const { limit: _limit, offset: _offset, status, operation, customer_id, order_id, ...rest } = query
  const retryable = (status ?? ["failed", "dead"]).filter((s): s is "failed" | "dead" => s === "failed" || s === "dead")
  if (!retryable.length) {
    return null
  }
  return {
    ...rest,
    status: retryable,
    ...(operation ? { operation } : {}),
    ...(customer_id ? { customer_id: [customer_id] } : {}),
    ...(order_id ? { order_id: [order_id] } : {}),
  }
}

/**
 * Bulk retry and bulk cancel of the delivery log, each behind a confirmation that says how many rows
 * it touches: for the filtered actions the server counts the rows the visible filters select.
 */
export function useBulkDeliveryActions(query: DeliveryLogQuery, onDone: () => void) {
  const prompt = usePrompt()
  const retry = useBulkRetryDeliveries({ onSuccess: (result) => (onDone(), toast.success(retriedMessage(result))) })
  const cancel = useBulkCancelDeliveries({ onSuccess: (result) => (onDone(), toast.success(canceledMessage(result))) })
  const onError = (error: Error) => toast.error(error.message)

  const confirm = (kind: "retry" | "cancel", count: number, what: string) =>
    prompt({
      title: kind === "retry" ? `Retry ${rows(count)}?` : `Cancel ${rows(count)}?`,
      description:
        (kind === "retry"
          ? `${rows(count)} ${what} will be sent again now, with a fresh set of attempts.`
          : `${rows(count)} ${what} will be canceled: no retry takes them again.`) +
        (count > PER_CALL ? ` One run takes the first ${PER_CALL}; run it again for the rest.` : ""),
      confirmText: kind === "retry" ? "Retry" : "Cancel deliveries",
      cancelText: "Back",
      variant: kind === "retry" ? "confirmation" : "danger",
    })

  const run = (kind: "retry" | "cancel", selection: BulkRetrySelection) =>
    kind === "retry" ? retry.mutate(selection, { onError }) : cancel.mutate(selection, { onError })

  const filtered = async (kind: "retry" | "cancel") => {
    const filter = bulkFilterOf(query)
    if (!filter) {
      toast.error("The status filter selects no failed or dead delivery")
      return
    }
    const count = await countDeliveries({
      ...filter,
      operation: query.operation,
      customer_id: query.customer_id,
      order_id: query.order_id,
    }).catch((error: Error) => (onError(error), null))
    if (count === null) {
      return
    }
    if (count === 0) {
      toast.info("No failed or dead delivery matches these filters")
      return
    }
    if (await confirm(kind, count, "failed or dead, matching the filters shown,")) {
      run(kind, { filter })
    }
  }

  const selected = async (kind: "retry" | "cancel", ids: string[]) => {
    if (ids.length && (await confirm(kind, ids.length, "selected"))) {
      run(kind, { ids })
    }
  }

  return { filtered, selected, isPending: retry.isPending || cancel.isPending }
}
