import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { sendNotificationsStep } from "@medusajs/medusa/core-flows"
import { signUpRewardSchemeStep } from "../steps/sign-up-reward-scheme"
import { emitLoyaltyEvents } from "../utils/emit-loyalty-events"

export const signUpRewardSchemeWorkflowId = "sign-up-reward-scheme"

/** Joins an open scheme, or sends a closed-loop scheme's verification code to an address in its domains. */
export const signUpRewardSchemeWorkflow = createWorkflow(
  signUpRewardSchemeWorkflowId,
  (input: { customer_id: string; scheme_id: string; email?: string }) => {
    const signedUp = signUpRewardSchemeStep(input)
    sendNotificationsStep(transform({ signedUp }, ({ signedUp }) => signedUp.notifications))
    emitLoyaltyEvents(
      transform({ signedUp }, ({ signedUp }) => ({ results: signedUp.results, tier_changes: signedUp.tier_changes }))
    )
    return new WorkflowResponse(
      transform({ signedUp }, ({ signedUp }) => ({
        joined: signedUp.joined,
        verification: signedUp.verification,
        refused: signedUp.refused,
      }))
    )
  }
)
