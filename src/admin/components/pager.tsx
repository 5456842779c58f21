import { Button, Text } from "@medusajs/ui"

/**
 * "11 – 20 of 24" with Prev and Next, as the footer of Medusa's DataTable pages a list: for the
 * cards' short lists, which are not tables.
 */
export const Pager = ({
  offset,
  limit,
  count,
  onChange,
  label = "results",
}: {
  offset: number
  limit: number
  count: number
  onChange: (offset: number) => void
  label?: string
}) =>
  count > limit ? (
    <div className="flex items-center justify-between px-6 py-3" data-pager>
      <Text size="small" className="text-ui-fg-subtle">
        {offset + 1} – {Math.min(offset + limit, count)} of {count} {label}
      </Text>
      <div className="flex gap-x-2">
        <Button
          size="small"
          variant="transparent"
          disabled={offset === 0}
          onClick={() => onChange(Math.max(0, offset - limit))}
        >
          Prev
        </Button>
        <Button
          size="small"
          variant="transparent"
          disabled={offset + limit >= count}
          onClick={() => onChange(offset + limit)}
        >
          Next
        </Button>
      </div>
    </div>
  ) : null
