import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { LinkAction } from "../../../modules/engagement/consents/link-token"
import { consumeLinkTokenStep } from "../steps/consume-link-token"
import { validateLinkCustomerStep } from "../steps/validate-link-customer"
import { verifyLinkTokenStep } from "../steps/verify-link-token"
import { recordConsentsWorkflow } from "./record-consents"

export const applyConsentLinkWorkflowId = "apply-consent-link"

/**
 * Follows a signed email link: an unsubscribe link records `False`, a confirmation link `True`.
 * A tampered, expired or already used link, one for a customer that does not exist, and a
 * confirmation link whose request a later choice has replaced are refused and change nothing.
 */
export const applyConsentLinkWorkflow = createWorkflow(
  applyConsentLinkWorkflowId,
  (input: { token: string; action: LinkAction; ip?: string | null; user_agent?: string | null }) => {
    const verified = verifyLinkTokenStep(input)
    const claims = validateLinkCustomerStep(verified)
    const used = consumeLinkTokenStep(claims)
    const consents = transform({ used, input }, ({ used, input }) => [
      {
        customer_id: used.c,
        purpose: used.p,
        value: input.action === "confirm" ? ("True" as const) : ("False" as const),
        // a confirmation link made before links named their request has nothing to check against: stale
        ...(input.action === "confirm" ? { confirms: used.r ?? "" } : {}),
        source: "email_link" as const,
        actor_type: "customer",
        actor_id: used.c,
        ip: input.ip ?? null,
        user_agent: input.user_agent ?? null,
        info: { link: input.action },
      },
    ])
    const recorded = recordConsentsWorkflow.runAsStep({ input: { consents } })
    return new WorkflowResponse(recorded)
  }
)
