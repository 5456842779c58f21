import { Text } from "@medusajs/ui"
import type { ReactNode } from "react"

/** Loading, error and empty states shared by the page's sections. */
export const SectionState = ({
  isLoading,
  error,
  isEmpty,
  empty,
  children,
}: {
  isLoading: boolean
  error: Error | null
  isEmpty?: boolean
  empty?: string
  children: ReactNode
}) => {
  if (isLoading) {
    return (
      <Text size="small" className="text-ui-fg-subtle px-6 py-4" aria-busy="true">
        Loading…
      </Text>
    )
  }
  if (error) {
    return (
      <Text size="small" className="text-ui-fg-error px-6 py-4" role="alert">
        Could not load: {error.message}
      </Text>
    )
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
