import { StatusBadge } from "@medusajs/ui"
import type { ConsentValue, DeliveryStatus, ReviewRequestStatus } from "../lib/types"

type Color = "green" | "red" | "blue" | "orange" | "grey" | "purple"

const DELIVERY_COLORS: Record<DeliveryStatus, Color> = {
  pending: "orange",
  sending: "blue",
  delivered: "green",
  failed: "red",
  dead: "red",
  canceled: "grey",
  dry_run: "purple",
}

const REVIEW_COLORS: Record<ReviewRequestStatus, Color> = {
  scheduled: "blue",
  sent: "green",
  canceled: "grey",
  skipped: "grey",
  failed: "red",
}

export const DeliveryStatusBadge = ({ status }: { status: DeliveryStatus }) => (
  <StatusBadge color={DELIVERY_COLORS[status]}>{status}</StatusBadge>
)

export const ReviewRequestStatusBadge = ({ status }: { status: ReviewRequestStatus }) => (
  <StatusBadge color={REVIEW_COLORS[status]}>{status}</StatusBadge>
)

const CONSENT_COLORS: Record<ConsentValue, Color> = {
  True: "green",
  AwaitingConfirmation: "orange",
  False: "red",
}

const CONSENT_LABELS: Record<ConsentValue, string> = {
  True: "given",
  AwaitingConfirmation: "awaiting confirmation",
  False: "withdrawn",
}

/** A consent value; "not asked" before the customer has chosen. */
export const ConsentValueBadge = ({ value }: { value: ConsentValue | null }) =>
  value ? (
    <StatusBadge color={CONSENT_COLORS[value]}>{CONSENT_LABELS[value]}</StatusBadge>
  ) : (
    <StatusBadge color="grey">not asked</StatusBadge>
  )

const SYNC_COLORS: Record<string, Color> = {
  synced: "green",
  pending: "orange",
  syncing: "blue",
  conflict: "red",
  needs_linking: "purple",
  error: "red",
}

export const SyncStatusBadge = ({ status }: { status: string }) => (
  <StatusBadge color={SYNC_COLORS[status] ?? "grey"}>{status.replace(/_/g, " ")}</StatusBadge>
)
