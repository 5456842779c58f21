import { Badge, Button, Drawer, Heading, Label, Prompt, Text, Textarea, toast, Tooltip } from "@medusajs/ui"
import { useState } from "react"
import { useSpendingBlock } from "../../hooks/api/customer-actions"

/** The reason as the owner reads it: `debt` is the debt policy's block, the rest is an admin's own words. */
const reasonText = (reason: string | null | undefined) =>
  reason === "debt" ? "points owed after a reversal" : (reason ?? "no reason recorded")

/** The red badge, with the reason in it and in its tooltip. */
export const SpendingBlockedBadge = ({ reason }: { reason: string | null | undefined }) => (
  <Tooltip content={`Spending blocked: ${reasonText(reason)}`}>
    <Badge size="2xsmall" color="red" data-testid="spending-blocked" className="max-w-[240px] truncate">
      Spending blocked: {reasonText(reason)}
    </Badge>
  </Tooltip>
)

type BlockProps = { customerId: string; disabledReason?: string | null }

/** "Block spending" or "Unblock spending" as the account stands; `disabledReason` turns it off and says why. */
export const SpendingBlockAction = ({ blocked, ...props }: BlockProps & { blocked: boolean }) =>
  blocked ? <UnblockPrompt {...props} /> : <BlockDrawer {...props} />

const ReasonField = ({ value, onChange }: { value: string; onChange: (value: string) => void }) => (
  <>
    <Label htmlFor="spending-block-reason">Reason</Label>
    <Textarea id="spending-block-reason" value={value} onChange={(e) => onChange(e.target.value)} />
  </>
)

/** Blocks spending with the owner's reason (earning goes on). */
const BlockDrawer = ({ customerId, disabledReason }: BlockProps) => {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState("")
  const change = useSpendingBlock(customerId, {
    onSuccess: () => {
      toast.success("Spending blocked")
      setOpen(false)
    },
  })
  return (
    <Drawer open={open} onOpenChange={(next) => (next && (setReason(""), change.reset()), setOpen(next))}>
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary" disabled={!!disabledReason} title={disabledReason ?? undefined}>
          Block spending
        </Button>
      </Drawer.Trigger>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title asChild>
            <Heading>Block spending</Heading>
          </Drawer.Title>
          <Drawer.Description>
            The customer keeps earning points but cannot redeem them until unblocked.
          </Drawer.Description>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-2">
          <ReasonField value={reason} onChange={setReason} />
          {change.error && (
            <Text size="small" className="text-ui-fg-error">
              {change.error.message}
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
            disabled={!reason.trim()}
            isLoading={change.isPending}
            onClick={() => change.mutate({ blocked: true, reason: reason.trim() })}
          >
            Block
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}

/** Unblocks behind a confirmation that takes the owner's reason (a block for points owed stays until repaid). */
const UnblockPrompt = ({ customerId, disabledReason }: BlockProps) => {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState("")
  const change = useSpendingBlock(customerId, {
    onSuccess: (blocked) => {
      toast.success(blocked ? "Still blocked: the customer owes points" : "Spending unblocked")
      setOpen(false)
    },
  })
  return (
    <Prompt open={open} onOpenChange={(next) => (next && (setReason(""), change.reset()), setOpen(next))}>
      <Prompt.Trigger asChild>
        <Button size="small" variant="secondary" disabled={!!disabledReason} title={disabledReason ?? undefined}>
          Unblock spending
        </Button>
      </Prompt.Trigger>
      <Prompt.Content>
        <Prompt.Header>
          <Prompt.Title>Let the customer spend points again?</Prompt.Title>
          <Prompt.Description>
            Their points can be redeemed from now on (a block for points owed stays until they are repaid).
          </Prompt.Description>
        </Prompt.Header>
        <div className="flex flex-col gap-y-2 px-6 pb-6">
          <ReasonField value={reason} onChange={setReason} />
          {change.error && (
            <Text size="small" className="text-ui-fg-error">
              {change.error.message}
            </Text>
          )}
        </div>
        <Prompt.Footer>
          <Prompt.Cancel>Keep blocked</Prompt.Cancel>
          <Prompt.Action
            disabled={!reason.trim() || change.isPending}
            onClick={(event) => {
              // the prompt stays open until the answer: an error is shown in it
              event.preventDefault()
              change.mutate({ blocked: false, reason: reason.trim() })
            }}
          >
            Unblock
          </Prompt.Action>
        </Prompt.Footer>
      </Prompt.Content>
    </Prompt>
  )
}
