import { StatusBadge } from "@medusajs/ui"
import type { DeliveryStatus, ReviewRequestStatus } from "../lib/types"

type Color = "green" | "red" | "blue" | "orange" | "grey" | "purple"

const DELIVERY_COLORS: Record<DeliveryStatus, Color> = {
  pending: "orange",
  sending: "blue",
  delivered: "green",
  failed: "red",
  dead: "red",
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
