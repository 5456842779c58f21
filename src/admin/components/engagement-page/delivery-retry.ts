import type { AdminDelivery } from "../../lib/types"

/** A row that failed an attempt and waits to try again after its backoff (not dead yet). */
export const isWaitingRetry = (delivery: Pick<AdminDelivery, "status" | "attempts" | "last_error">) =>
  delivery.status === "pending" && delivery.attempts > 0 && !!delivery.last_error

/** The admin's retry button for a row: "Retry" for a failed or dead one, "Retry now" for a waiting one, none otherwise. */
export function retryLabel(delivery: Pick<AdminDelivery, "status" | "attempts" | "last_error">): string | null {
  if (delivery.status === "failed" || delivery.status === "dead") {
    return "Retry"
  }
  return isWaitingRetry(delivery) ? "Retry now" : null
}
