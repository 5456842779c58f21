import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import { type EnqueueDeliveryInput } from "../../../provider-api/types"
import type { LoyaltySourceCall } from "../../../provider-api/loyalty-source-writes"
import { planLoyaltySourceCall } from "../utils/plan-call"

export const planLoyaltySourceCallStepId = "plan-loyalty-source-call"

export interface PlanLoyaltySourceCallInput {
  platform: string
  customer_id: string
  identity: { group: string; fingerprint: string }
  call: LoyaltySourceCall
}

/** How many of a customer's earlier rows of one group are read to plan the next (a shopper's clicks, not a feed). */
const PREVIOUS_ROWS = 500

/**
 * Which outbox row the shopper's write is: one already standing for the same write (a retry, not
 * sent again), or a new row whose key the outbox's unique index makes one for simultaneous
 * requests. Reads only; the row is written by the next step.
 */
export const planLoyaltySourceCallStep = createStep(
  planLoyaltySourceCallStepId,
  async (input: PlanLoyaltySourceCallInput, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const prefix = `${input.platform}-loyalty:${input.customer_id}`
    const previous = await engagement.listDeliveries(
      {
        customer_id: input.customer_id,
        platform: input.platform,
        idempotency_key: { $like: `${prefix}|${input.identity.group}|%` },
      },
      {
        select: ["id", "idempotency_key", "status", "in_doubt", "created_at"],
        order: { created_at: "DESC" },
        take: PREVIOUS_ROWS,
      }
    )
    const plan = planLoyaltySourceCall(prefix, input.identity, input.call.repeatable, previous, {
      fresh_for_ms: input.call.fresh_for_ms,
    })
    const deliveries: EnqueueDeliveryInput[] =
      "reuse" in plan
        ? []
        : [
            {
              origin: "loyalty_source",
              platform: input.platform,
              operation: input.call.operation,
              payload: input.call.payload,
              idempotency_key: plan.key,
              customer_id: input.customer_id,
              // the shopper waits for this one attempt; after a failure they try again (a new try of the key)
              max_attempts: 1,
            },
          ]
    return new StepResponse({ reuse_id: "reuse" in plan ? plan.reuse : null, deliveries })
  }
)
