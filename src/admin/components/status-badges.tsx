import { StatusBadge, Tooltip } from "@medusajs/ui"
import type { ConsentValue, DeliveryStatus, PlatformState, ReviewRequestStatus } from "../lib/types"

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

const PLATFORM_STATES: Record<PlatformState, { color: Color; label: string }> = {
  healthy: { color: "green", label: "Healthy" },
  degraded: { color: "orange", label: "Degraded" },
  failing: { color: "red", label: "Failing" },
  paused: { color: "blue", label: "Paused (429, rate limited)" },
  dry_run: { color: "purple", label: "Dry-run" },
  not_configured: { color: "grey", label: "Not configured" },
}

/** A platform's state; the rule it was judged by in a tooltip. */
export const PlatformStateBadge = ({ state, rule }: { state: PlatformState; rule: string }) => (
  <Tooltip content={rule} maxWidth={360}>
    <span data-platform-state={state} tabIndex={0}>
      <StatusBadge color={PLATFORM_STATES[state].color}>{PLATFORM_STATES[state].label}</StatusBadge>
    </span>
  </Tooltip>
)

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
