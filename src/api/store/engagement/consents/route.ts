import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { recordConsentsWorkflow } from "../../../../workflows/consents/workflows/record-consents"
import { currentConsentsOf } from "../../../../workflows/consents/utils/current-consents"
import type { StoreUpdateConsentsType } from "./validators"
import type { StoreEngagementConsentsResponse } from "../../../../types/store"
import type { Sent } from "../../../utils/sent"

/** GET /store/engagement/consents: the signed-in shopper's consents, one per configured purpose. */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<Sent<StoreEngagementConsentsResponse>>
) => {
  res.json({ consents: await currentConsentsOf(req.scope, req.auth_context.actor_id) })
}

/**
 * POST /store/engagement/consents: the shopper changes one or more purposes. Each change is a
 * new ledger row with the shopper, their IP and user agent as proof. AwaitingConfirmation sends
 * the double opt-in email.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<StoreUpdateConsentsType>,
  res: MedusaResponse<Sent<StoreEngagementConsentsResponse>>
) => {
  const customerId = req.auth_context.actor_id
  await recordConsentsWorkflow(req.scope).run({
    input: {
      consents: req.validatedBody.consents.map((entry) => ({
        customer_id: customerId,
        purpose: entry.purpose,
        value: entry.value,
        source: "storefront" as const,
        actor_type: "customer",
        actor_id: customerId,
        ip: req.ip ?? null,
        user_agent: req.get("user-agent") ?? null,
        wording: entry.wording ?? null,
        info: entry.info ?? null,
      })),
    },
  })
  res.json({ consents: await currentConsentsOf(req.scope, customerId) })
}
