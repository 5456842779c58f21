import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { EngagementEvents } from "../../../modules/engagement/events"
import { acquireContactLocksStep } from "../../contacts/steps/acquire-contact-locks"
import { releaseContactLocksStep } from "../../contacts/steps/release-contact-locks"
import { contactLockKeys } from "../../contacts/utils/contact-lock-keys"
import { eraseEngagementDataStep } from "../steps/erase-engagement-data"
import { eraseLoyaltyAccountStep } from "../steps/erase-loyalty-account"
import { prepareErasureStep } from "../steps/prepare-erasure"

export const eraseContactWorkflowId = "erase-contact"

export interface EraseContactInput {
  customer_id: string
  /** the admin who asked, from the request's authentication */
  actor: { type: string; id: string }
}

export interface EraseContactResult {
  erasure_id: string
  customer_id: string
  /** rows erased or anonymised, by kind */
  erased: Record<string, number>
  /** per platform: the stop calls put in the outbox, and what it still holds to be deleted by hand */
  platforms: { id: string; name: string; stop_calls: string[]; still_held: string[] }[]
}

/**
 * The right to be forgotten, under the customer's contact lock: reads what the platforms must be told, closes the loyalty account and
 * anonymises its ledger, then erases the engagement module's data, records the erasure and writes
 * the platforms' stop calls in one transaction; the stop calls are then dispatched like every
 * outbox row. The Medusa customer itself is left to Medusa's own customer deletion.
 */
export const eraseContactWorkflow = createWorkflow(eraseContactWorkflowId, (input: EraseContactInput) => {
  // the customer's contact lock: no other erasure and no write of the contact runs meanwhile
  const lockKeys = transform({ input }, ({ input }) => ({
    keys: contactLockKeys({ customer_ids: [input.customer_id] }),
  }))
  const locks = acquireContactLocksStep(lockKeys)
  const plan = prepareErasureStep({ customer_id: input.customer_id })
  const loyaltyInput = transform({ plan }, ({ plan }) => ({
    erasure_id: plan.erasure_id,
    customer_id: plan.customer_id,
    email: plan.email,
    personal_values: plan.personal_values,
  }))
  const loyalty = eraseLoyaltyAccountStep(loyaltyInput)
  const erased = eraseEngagementDataStep({ plan, actor: input.actor, loyalty })
  const eventData = transform({ erased }, ({ erased }) => ({ ids: erased.stop_call_ids }))
  releaseContactLocksStep(locks)
  emitEventStep({ eventName: EngagementEvents.DELIVERY_ENQUEUED, data: eventData })
  const result = transform({ plan, erased }, ({ plan, erased }): EraseContactResult => ({
    erasure_id: plan.erasure_id,
    customer_id: plan.customer_id,
    erased: erased.kinds,
    platforms: Object.entries(plan.platforms).map(([id, platform]) => ({
      id,
      ...platform,
      stop_calls: erased.stop_calls_sent ? platform.stop_calls : [],
    })),
  }))
  return new WorkflowResponse(result)
})
