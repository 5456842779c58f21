import { Button, Drawer, Input, Label, Text, Textarea, toast } from "@medusajs/ui"
import { useState } from "react"
import { useAdjustLoyaltyPoints } from "../../hooks/api/loyalty"

const newKey = () => `admin-${crypto.randomUUID()}`

/** "Adjust points": a whole number (negative takes points) and a mandatory reason; off with `disabledReason`. */
export const AdjustPoints = ({
  customerId,
  disabledReason,
}: {
  customerId: string
  disabledReason?: string | null
}) => {
  const [open, setOpen] = useState(false)
  const [points, setPoints] = useState("")
  const [reason, setReason] = useState("")
  // one key per opened form: a double submit adjusts once
  const [key, setKey] = useState(newKey)
  const adjust = useAdjustLoyaltyPoints(customerId, {
    onSuccess: () => {
      toast.success("Points adjusted")
      setOpen(false)
    },
  })
  const value = Number(points)
  const valid = points.trim() !== "" && Number.isInteger(value) && value !== 0 && reason.trim() !== ""

  const openForm = (next: boolean) => {
    if (next) {
      setPoints("")
      setReason("")
      setKey(newKey())
      adjust.reset()
    }
    setOpen(next)
  }

  return (
    <Drawer open={open} onOpenChange={openForm}>
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary" disabled={!!disabledReason} title={disabledReason ?? undefined}>
          Adjust points
        </Button>
      </Drawer.Trigger>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>Adjust points</Drawer.Title>
          <Drawer.Description>
            Points to add (or take away, with a minus) and why: the reason is kept with the change.
          </Drawer.Description>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4">
          <div className="flex flex-col gap-y-2">
            <Label htmlFor="loyalty-points">Points (negative to take)</Label>
            <Input
              id="loyalty-points"
              type="number"
              step={1}
              value={points}
              onChange={(e) => setPoints(e.target.value)}
            />
          </div>
          <div className="flex flex-col gap-y-2">
            <Label htmlFor="loyalty-reason">Reason</Label>
            <Textarea id="loyalty-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          {adjust.error && (
            <Text size="small" className="text-ui-fg-error">
              {adjust.error.message}
            </Text>
          )}
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button size="small" variant="secondary">
              Cancel
            </Button>
          </Drawer.Close>
          <Button
            size="small"
            disabled={!valid}
            isLoading={adjust.isPending}
            onClick={() => adjust.mutate({ points: value, reason: reason.trim(), idempotency_key: key })}
          >
            Save
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
