import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { MedusaContainer } from "@medusajs/framework/types"
import type EngagementModuleService from "../../modules/engagement/service"
import { platformFailureAnswer } from "../../provider-api/platform-failure"
import { ENGAGEMENT_MODULE } from "../../provider-api/provider"
import { type DeliveryRecord } from "../../modules/engagement/types"
import { loyaltySourceErrorAnswer } from "../../provider-api/loyalty-source"
import type {
  LoyaltySourceAction,
  LoyaltySourceActionKind,
  LoyaltySourceOutcome,
} from "../../provider-api/loyalty-source-writes"
import { sendLoyaltySourceCallWorkflow } from "../../workflows/loyalty-source/workflows/send-loyalty-source-call"
import { actionIdentity } from "../../workflows/loyalty-source/utils/plan-call"
import { loyaltySourceWritesOf } from "../../workflows/loyalty-source/utils/source-writes"
import { dispatchDeliveriesWorkflow } from "../../workflows/outbox/workflows/dispatch-deliveries"
import { sendErrorAnswer, type SentError } from "./sent"

/** What each write is, as a 424 names what failed. */
const WHAT: Record<LoyaltySourceActionKind, string> = {
  scheme_sign_up: "reward scheme sign-up",
  scheme_verify: "reward scheme sign-up verification",
  scheme_sign_out: "reward scheme sign-out",
  referral_claim: "referral claim",
  referral_invitations: "referral invitations",
  auto_spend: "automatic spend preference",
}

// a call held by another request for the same write (a double click) ends within the platform's timeout
const WAIT_MS = 30_000
const POLL_MS = 200

/** Runs `answer`, answering a loyalty source's known errors (409, 424 naming the platform) itself. */
export async function answeringSourceErrors<Body>(
  res: MedusaResponse<Body | SentError>,
  answer: () => Promise<void>
): Promise<void> {
  try {
    await answer()
  } catch (error) {
    const known = loyaltySourceErrorAnswer(error)
    if (!known) {
      throw error
    }
    sendErrorAnswer(res, known)
  }
}

/** Whether the platform that keeps the points takes this write (otherwise the local routes answer). */
export function loyaltySourceTakes(scope: MedusaContainer, kind: LoyaltySourceActionKind): boolean {
  return !!loyaltySourceWritesOf(scope)?.writes.kinds.includes(kind)
}

async function settled(engagement: EngagementModuleService, id: string): Promise<DeliveryRecord> {
  const deadline = Date.now() + WAIT_MS
  let row = await engagement.retrieveDelivery(id)
  while (row.status === "sending" && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
    row = await engagement.retrieveDelivery(id)
  }
  return row
}

/**
 * Sends the signed-in shopper's write to the platform that keeps the points, through the outbox:
 * one row per write (a retry of the same write is answered from its row, never sent twice),
 * attempted at once while the shopper waits. Answers from the outcome: `done` (the platform did
 * it; the shopper's cached reads are forgotten), 400 naming the field it refused, 409 while the
 * contact is not on it, 424 naming it when it does not answer or refuses the store, 202 with the
 * row's state when it could not be attempted now (it is sent shortly).
 */
export async function sendLoyaltySourceWrite<Body>(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<Body | SentError>,
  action: LoyaltySourceAction,
  done: (outcome: Extract<LoyaltySourceOutcome, { kind: "done" }>, delivery: DeliveryRecord) => Promise<Body> | Body,
  refusedExtras: Record<string, unknown> = {}
): Promise<void> {
  const source = loyaltySourceWritesOf(req.scope)!
  const customerId = req.auth_context.actor_id
  const { platform, name, writes } = source
  const what = WHAT[action.kind]
  let call
  try {
    call = await writes.build(customerId, action)
  } catch (error) {
    const answer = loyaltySourceErrorAnswer(error)
    if (!answer) {
      throw error
    }
    return sendErrorAnswer(res, answer)
  }
  const { result: id } = await sendLoyaltySourceCallWorkflow(req.scope).run({
    input: { platform, customer_id: customerId, identity: actionIdentity(action), call },
  })
  await dispatchDeliveriesWorkflow(req.scope).run({ input: { ids: [id], platforms: [platform] } })
  const engagement = req.scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  const delivery = await settled(engagement, id)
  if (!["delivered", "failed", "dead"].includes(delivery.status)) {
    const accepted = {
      type: "accepted",
      message: `loyalty: ${name} has not answered yet: the ${what} is on its way`,
      delivery: { id: delivery.id, status: delivery.status },
    }
    res.status(202).json(accepted)
    return
  }
  const outcome = writes.outcome(delivery)
  switch (outcome.kind) {
    case "done":
      await writes.forget(customerId)
      res.json(await done(outcome, delivery))
      return
    case "refused": {
      const refusal = { type: "invalid_data", message: outcome.message, reason: outcome.reason, ...refusedExtras }
      res.status(400).json(refusal)
      return
    }
    case "not_synced":
      res.status(409).json({
        type: "conflict",
        message: `loyalty: your contact is not on ${name} yet (or its session is being renewed); try again shortly`,
      })
      return
    case "store_refused":
      sendErrorAnswer(
        res,
        platformFailureAnswer({
          type: "platform_error",
          message: `loyalty: ${name} refused the store's ${what}; the store's ${name} settings need attention`,
          platform: name,
          failed: what,
        })
      )
      return
    case "unavailable":
      sendErrorAnswer(
        res,
        platformFailureAnswer({
          type: "platform_unavailable",
          message:
            outcome.in_doubt && !call.repeatable
              ? `loyalty: ${name} did not answer the ${what} in time; it may have arrived, so it is not sent again: look again shortly`
              : `loyalty: ${name} did not answer the ${what}; try again later`,
          platform: name,
          failed: what,
        })
      )
  }
}
