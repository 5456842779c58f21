import { randomUUID } from "node:crypto"
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { adjustLoyaltyPointsWorkflow } from "../../../../../../../workflows/loyalty/workflows/adjust-loyalty-points"
import { customerIdForContact } from "../../../helpers"
import { loyaltyOf } from "../../../../../../utils/loyalty"
import { refuseIfErased } from "../../../erasure-in-force"
import type { AdminAdjustLoyaltyPointsType } from "../../../../loyalty/validators"

/** Adds or takes points, with the admin and the reason recorded; answers the new summary (400 for an erased customer). */
export const POST = async (req: AuthenticatedMedusaRequest<AdminAdjustLoyaltyPointsType>, res: MedusaResponse) => {
  const customerId = await customerIdForContact(req.scope, req.params.id)
  // an erased shopper's account is closed: an adjustment would open a new balance for them
  await refuseIfErased(req.scope, customerId)
  const loyalty = loyaltyOf(req.scope)
  const expiryDays = (await loyalty.effectiveOptions()).expiry_days
  const { result } = await adjustLoyaltyPointsWorkflow(req.scope).run({
    input: {
      customer_id: customerId,
      points: req.validatedBody.points,
      reason: req.validatedBody.reason,
      admin_id: req.auth_context.actor_id,
      idempotency_key: req.validatedBody.idempotency_key ?? randomUUID(),
      expires_at: expiryDays === null ? null : new Date(Date.now() + expiryDays * 86_400_000),
    },
  })
  res.status(result.results[0]?.applied ? 201 : 200).json({
    transaction_id: result.results[0]?.transaction_id ?? null,
    applied: !!result.results[0]?.applied,
    loyalty: { customer_id: customerId, ...(await loyalty.getLoyaltySummary(customerId)) },
  })
}
