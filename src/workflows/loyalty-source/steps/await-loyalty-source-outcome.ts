import { setTimeout as sleep } from "node:timers/promises"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import { type DeliveryRecord } from "../../../modules/engagement/types"
import type { LoyaltySourceAction, LoyaltySourceCall } from "../../../provider-api/loyalty-source-writes"
import { loyaltySourceWritesOf } from "../utils/source-writes"
import { outcomeError, WHAT } from "../utils/write-answers"

export const awaitLoyaltySourceOutcomeStepId = "await-loyalty-source-outcome"

/**
 * The bounded wait for a row another request is sending (a double click of the same write): the
 * dispatch before this step attempted the row unless that request held it, and the holder's
 * attempt ends within the platform's timeout, well inside 30 s. Past it, the shopper is told the
 * write is on its way (202) and the sweep job finishes it.
 */
const WAIT_MS = 30_000
const POLL_MS = 200

async function settled(engagement: EngagementModuleService, id: string): Promise<DeliveryRecord> {
  const deadline = Date.now() + WAIT_MS
  let row = await engagement.retrieveDelivery(id)
  while (row.status === "sending" && Date.now() < deadline) {
    await sleep(POLL_MS)
    row = await engagement.retrieveDelivery(id)
  }
  return row
}

export interface AwaitLoyaltySourceOutcomeInput {
  customer_id: string
  action: LoyaltySourceAction
  delivery_id: string
  platform: { name: string; call: LoyaltySourceCall }
  /** fields the 400 of a refusal carries besides its reason (`tries_left` of a sign-up code) */
  refused_extras?: Record<string, unknown>
}

type Row = { id: string; status: DeliveryRecord["status"] }

/** `accepted`: not answered yet (the body of a 202); `done`: the platform did it. */
export type LoyaltySourceWriteResult =
  | { accepted: { type: "accepted"; message: string; delivery: Row }; done: null }
  | { accepted: null; done: { external_id: string | null; delivery: Row } }

/**
 * Reads the outcome of the shopper's attempted row. Done: the shopper's cached reads of the
 * platform are forgotten (so the next read shows the write) and the outcome is returned. Not
 * answered yet: `accepted`, the row's state for a 202. Otherwise it throws the error naming why
 * (`outcomeError`). Reads and forgets a cache only, so it has no compensation.
 */
export const awaitLoyaltySourceOutcomeStep = createStep(
  awaitLoyaltySourceOutcomeStepId,
  async (input: AwaitLoyaltySourceOutcomeInput, { container }): Promise<StepResponse<LoyaltySourceWriteResult>> => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const writes = loyaltySourceWritesOf(container)!.writes
    const { name, call } = input.platform
    const delivery = await settled(engagement, input.delivery_id)
    const row: Row = { id: delivery.id, status: delivery.status }
    if (!["delivered", "failed", "dead"].includes(delivery.status)) {
      const message = `loyalty: ${name} has not answered yet: the ${WHAT[input.action.kind]} is on its way`
      return new StepResponse<LoyaltySourceWriteResult>({
        accepted: { type: "accepted", message, delivery: row },
        done: null,
      })
    }
    const outcome = writes.outcome(delivery)
    if (outcome.kind !== "done") {
      throw outcomeError(outcome, { name, kind: input.action.kind, call }, input.refused_extras ?? {})
    }
    await writes.forget(input.customer_id)
    return new StepResponse<LoyaltySourceWriteResult>({
      accepted: null,
      done: { external_id: outcome.external_id, delivery: row },
    })
  }
)
