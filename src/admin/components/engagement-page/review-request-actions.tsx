import { EllipsisHorizontal } from "@medusajs/icons"
import { DropdownMenu, IconButton, Label, Prompt, Text, Textarea, toast } from "@medusajs/ui"
import { useState } from "react"
import { useReviewRequestAction } from "../../hooks/api/engagement-page"
import type { AdminReviewRequestRow } from "../../lib/types"
import { orderNumber } from "../../lib/words"

/** Whether the admin can still act on the request: scheduled and not yet handed to a platform. */
export const isActionable = (row: AdminReviewRequestRow) => row.status === "scheduled" && !row.delivery_id

/**
 * The row's menu, only on a request that can still be acted on: a finished one shows no menu at all
 * (its status and "when / why" say what became of it).
 */
export const ReviewRequestRowActions = ({
  row,
  onSend,
  onReschedule,
  onCancel,
}: {
  row: AdminReviewRequestRow
  onSend: () => void
  onReschedule: () => void
  onCancel: () => void
}) =>
  isActionable(row) ? (
    <DropdownMenu>
      <DropdownMenu.Trigger asChild onClick={(event) => event.stopPropagation()}>
        <IconButton
          size="small"
          variant="transparent"
          aria-label={`Actions for the review request of order ${orderNumber(row.order) ?? row.order_id}`}
        >
          <EllipsisHorizontal />
        </IconButton>
      </DropdownMenu.Trigger>
      <DropdownMenu.Content side="bottom">
        <DropdownMenu.Item onClick={onSend}>Send now</DropdownMenu.Item>
        <DropdownMenu.Item onClick={onReschedule}>Change the send date</DropdownMenu.Item>
        <DropdownMenu.Separator />
        <DropdownMenu.Item onClick={onCancel}>Cancel</DropdownMenu.Item>
      </DropdownMenu.Content>
    </DropdownMenu>
  ) : null

/** Cancel a scheduled request, with the owner's reason, behind a confirmation: it is then never sent. */
export const CancelReviewRequestPrompt = ({
  row,
  onClose,
}: {
  row: AdminReviewRequestRow | null
  onClose: () => void
}) => {
  const [reason, setReason] = useState("")
  const action = useReviewRequestAction({
    onSuccess: () => {
      toast.success("Review request canceled")
      setReason("")
      onClose()
    },
  })
  return (
    <Prompt open={!!row} onOpenChange={(open) => !open && (setReason(""), onClose())}>
      <Prompt.Content>
        <Prompt.Header>
          <Prompt.Title>Cancel this review request?</Prompt.Title>
          <Prompt.Description>
            The request for order {row ? (orderNumber(row.order) ?? row.order_id) : ""} will never be sent. This cannot
            be undone.
          </Prompt.Description>
        </Prompt.Header>
        <div className="flex flex-col gap-y-2 px-6 pb-6">
          <Label htmlFor="review-cancel-reason">Reason</Label>
          <Textarea id="review-cancel-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          {action.error && (
            <Text size="small" className="text-ui-fg-error">
              {action.error.message}
            </Text>
          )}
        </div>
        <Prompt.Footer>
          <Prompt.Cancel>Keep it</Prompt.Cancel>
          <Prompt.Action
            disabled={!reason.trim() || action.isPending}
            onClick={(event) => {
              // the prompt stays open until the answer: an error is shown in it
              event.preventDefault()
              if (row) {
                action.mutate({ id: row.id, action: "cancel", reason: reason.trim() })
              }
            }}
          >
            Cancel request
          </Prompt.Action>
        </Prompt.Footer>
      </Prompt.Content>
    </Prompt>
  )
}
