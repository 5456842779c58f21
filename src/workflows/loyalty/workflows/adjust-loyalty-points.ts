import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitLoyaltyEvents } from "../utils/emit-loyalty-events"
import type { LoyaltyEntryInput } from "../../../modules/loyalty/types"
import { postLoyaltyEntriesStep } from "../steps/post-loyalty-entries"
import { validateLoyaltyCustomerStep } from "../steps/validate-loyalty-customer"

export const adjustLoyaltyPointsWorkflowId = "adjust-loyalty-points"

export interface AdjustLoyaltyPointsInput {
  customer_id: string
  points: number
  reason: string
  admin_id: string
  /** the same key twice adjusts once (a retried request) */
  idempotency_key: string
}

/**
 * An admin's adjustment: a positive one is a new lot (expiring like earned points), a negative
 * one takes from the soonest-expiring lots and is refused when larger than the balance.
 */
export const adjustLoyaltyPointsWorkflow = createWorkflow(
  adjustLoyaltyPointsWorkflowId,
  (input: AdjustLoyaltyPointsInput & { expires_at: Date | null }) => {
    validateLoyaltyCustomerStep(input)
    const entries = transform({ input }, ({ input }): { entries: LoyaltyEntryInput[] } => ({
      entries: [
        {
          customer_id: input.customer_id,
          type: "adjust",
          points: input.points,
          idempotency_key: `adjust:${input.idempotency_key}`,
          reason: input.reason,
          actor_type: "user",
          actor_id: input.admin_id,
          expires_at: input.points > 0 ? input.expires_at : null,
        },
      ],
    }))
    const posted = postLoyaltyEntriesStep(entries)
    emitLoyaltyEvents(posted)
    return new WorkflowResponse(posted)
  }
)
