import { clx } from "@medusajs/ui"

/**
 * An id on one line: where the column is narrow (a phone) it ends in an ellipsis instead of
 * breaking mid-string, and its title attribute gives it whole on hover or long-press.
 */
export const TruncatedId = ({ value, className }: { value: string | null | undefined; className?: string }) =>
  value ? (
    <span title={value} className={clx("inline-block max-w-full truncate align-bottom", className)}>
      {value}
    </span>
  ) : null
