import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { signOutRewardSchemeStep } from "../steps/sign-out-reward-scheme"

export const signOutRewardSchemeWorkflowId = "sign-out-reward-scheme"

/** The shopper leaves a scheme: later orders earn without its multiplier. */
export const signOutRewardSchemeWorkflow = createWorkflow(
  signOutRewardSchemeWorkflowId,
  (input: { customer_id: string; scheme_id: string }) => new WorkflowResponse(signOutRewardSchemeStep(input))
)
