import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { markReviewLinkFollowedStep } from "../steps/mark-review-link-followed"

export const recordReviewLinkClickWorkflowId = "record-review-link-click"

/** A shopper followed a review email's tracked link: the reminders stop. */
export const recordReviewLinkClickWorkflow = createWorkflow(
  recordReviewLinkClickWorkflowId,
  (input: { review_request_id: string }) => new WorkflowResponse(markReviewLinkFollowedStep(input))
)
