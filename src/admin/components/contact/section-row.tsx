import { Text } from "@medusajs/ui"
import type { ReactNode } from "react"

/** One label / value row, as Medusa's own detail sections lay them out. */
export const SectionRow = ({ label, value }: { label: string; value: ReactNode }) => (
  <div className="text-ui-fg-subtle grid grid-cols-2 items-center px-6 py-3">
    <Text size="small" leading="compact" weight="plus">
      {label}
    </Text>
    {typeof value === "string" || typeof value === "number" ? (
      <Text size="small" leading="compact" className="break-words">
        {value}
      </Text>
    ) : (
      value
    )}
  </div>
)
