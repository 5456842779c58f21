import { Input, Text } from "@medusajs/ui"
import { instantOfLocal, localInputValue } from "./settings-format"

/** A moment (a campaign's start or end) picked in the viewer's time zone, saved as an ISO instant. */
export const InstantInput = ({
  value,
  onChange,
  name,
}: {
  value: unknown
  onChange: (value: unknown) => void
  name: string
}) => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
  return (
    <div className="flex flex-col gap-1">
      <Input
        size="small"
        type="datetime-local"
        aria-label={`${name} (${zone})`}
        value={localInputValue(value)}
        onChange={(event) => onChange(instantOfLocal(event.target.value))}
      />
      <Text size="xsmall" className="text-ui-fg-muted">
        {zone}
      </Text>
    </div>
  )
}
