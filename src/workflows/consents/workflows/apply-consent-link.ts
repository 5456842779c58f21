import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { LinkAction } from "../../../modules/engagement/consents/link-token"
import { consumeLinkTokenStep } from "../steps/consume-link-token"
import { verifyLinkTokenStep } from "../steps/verify-link-token"
import { recordConsentsWorkflow } from "./record-consents"

export const applyConsentLinkWorkflowId = "apply-consent-link"

/**
 * Follows a signed email link: an unsubscribe link records `False`, a confirmation link `True`.
 * A tampered, expired or already used link is refused and changes nothing.
 */
export const applyConsentLinkWorkflow = createWorkflow(
  applyConsentLinkWorkflowId,
  (input: { token: string; action: LinkAction; ip?: string | null; user_agent?: string | null }) => {
    const claims = verifyLinkTokenStep(input)
    const used = consumeLinkTokenStep(claims)
    const consents = transform({ used, input }, ({ used, input }) => [
      {
        customer_id: used.c,
        purpose: used.p,
        value: input.action === "confirm" ? ("True" as const) : ("False" as const),
        source: "email_link" as const,
        actor_type: "customer",
        actor_id: used.c,
        ip: input.ip ?? null,
        user_agent: input.user_agent ?? null,
        info: { link: input.action },
      },
    ])
    const records = recordConsentsWorkflow.runAsStep({ input: { consents } })
    return new WorkflowResponse(records)
  }
)
