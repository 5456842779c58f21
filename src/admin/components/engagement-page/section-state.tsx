import { ExclamationCircle } from "@medusajs/icons"
import { Button, Skeleton, Text } from "@medusajs/ui"
import type { ReactNode } from "react"

// staggered widths, as the dashboard's own skeletons: lines that read as text, not as a block
const WIDTHS = ["72%", "48%", "60%", "40%", "66%"]

/** Medusa's look while a card loads: pulsing bars (@medusajs/ui's Skeleton), announced as busy. */
export const SectionSkeleton = ({ rows = 3 }: { rows?: number }) => (
  <div className="flex flex-col gap-y-3 px-6 py-4" aria-busy="true" data-state="loading">
    <span className="sr-only">Loading</span>
    {Array.from({ length: rows }, (_, index) => (
      <Skeleton key={index} className="h-4" style={{ width: WIDTHS[index % WIDTHS.length] }} />
    ))}
  </div>
)

/** What went wrong, and a Retry that asks again (react-query's refetch). */
export const SectionError = ({ error, onRetry }: { error: Error; onRetry?: () => unknown }) => (
  <div className="flex items-center justify-between gap-x-4 px-6 py-4" role="alert" data-state="error">
    <div className="flex min-w-0 items-start gap-x-2">
      <ExclamationCircle className="text-ui-fg-error shrink-0" />
      <Text size="small" className="text-ui-fg-subtle break-words">
        Could not load: {error.message}
      </Text>
    </div>
    {onRetry && (
      <Button size="small" variant="secondary" type="button" onClick={() => onRetry()}>
        Retry
      </Button>
    )}
  </div>
)

/** Loading, error and empty states shared by the page's sections and the plugin's widgets. */
export const SectionState = ({
  isLoading,
  error,
  onRetry,
  isEmpty,
  empty,
  rows,
  children,
}: {
  isLoading: boolean
  error: Error | null
  onRetry?: () => unknown
  isEmpty?: boolean
  empty?: string
  rows?: number
  children: ReactNode
}) => {
  if (isLoading) {
    return <SectionSkeleton rows={rows} />
  }
  if (error) {
    return <SectionError error={error} onRetry={onRetry} />
  }
  if (isEmpty) {
    return (
      <Text size="small" className="text-ui-fg-subtle px-6 py-4">
        {empty}
      </Text>
    )
  }
  return <>{children}</>
}
