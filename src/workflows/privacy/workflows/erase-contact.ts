import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { EngagementEvents } from "../../../modules/engagement/events"
import { acquireContactLocksStep } from "../../contacts/steps/acquire-contact-locks"
import { releaseContactLocksStep } from "../../contacts/steps/release-contact-locks"
import { contactLockKeys } from "../../contacts/utils/contact-lock-keys"
import { enqueueDeliveriesStep } from "../../outbox/steps/enqueue-deliveries"
import { anonymiseErasedConsentsStep } from "../steps/anonymise-erased-consents"
import { deleteErasedCheckoutsStep } from "../steps/delete-erased-checkouts"
import { deleteErasedConsentConfirmationsStep } from "../steps/delete-erased-consent-confirmations"
import { deleteErasedContactProfilesStep } from "../steps/delete-erased-contact-profiles"
import { deleteErasedContactSyncsStep } from "../steps/delete-erased-contact-syncs"
import { deleteErasedLinkUsesStep } from "../steps/delete-erased-link-uses"
import { deleteErasedOrderFactsStep } from "../steps/delete-erased-order-facts"
import { deleteErasedOrderTotalsStep } from "../steps/delete-erased-order-totals"
import { deleteErasedReviewContactsStep } from "../steps/delete-erased-review-contacts"
import { deleteErasedReviewRequestsStep } from "../steps/delete-erased-review-requests"
import { eraseDeliveriesStep } from "../steps/erase-deliveries"
import { eraseLoyaltyAccountStep } from "../steps/erase-loyalty-account"
import { findErasureScopeStep } from "../steps/find-erasure-scope"
import { prepareErasureStep } from "../steps/prepare-erasure"
import { recordErasureStep } from "../steps/record-erasure"

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
 * The right to be forgotten, under the customer's contact lock: reads what the platforms must be
 * told and which records are the shopper's, closes the loyalty account and anonymises its ledger,
 * then one step per table: the outbox rows are canceled, redacted and re-keyed; the contact
 * profile, order facts and totals, review contacts and requests, checkouts, contact syncs, consent
 * confirmations and used links are deleted; the consent ledger is kept as proof, withdrawn and
 * moved to a pseudonym; the platforms' stop calls are written to the outbox and the erasure is
 * recorded without personal data. Each step's compensation puts back exactly what it changed, so
 * a failure leaves the shopper as they were (and the erasure can be asked again). The stop calls
 * are then dispatched like every outbox row. The Medusa customer itself is left to Medusa's own
 * customer deletion.
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
  const targets = findErasureScopeStep({ customer_id: input.customer_id, email: plan.email })
  const deliveryInput = transform({ plan, targets }, ({ plan, targets }) => ({
    targets,
    identifiers: plan.identifiers,
    personal_values: plan.personal_values,
  }))
  const deliveries = eraseDeliveriesStep(deliveryInput)
  const contactProfile = deleteErasedContactProfilesStep(targets)
  const orderFacts = deleteErasedOrderFactsStep(targets)
  const reviewContacts = deleteErasedReviewContactsStep(targets)
  const reviewRequests = deleteErasedReviewRequestsStep(targets)
  const checkouts = deleteErasedCheckoutsStep(targets)
  const orderTotals = deleteErasedOrderTotalsStep({ customer_id: input.customer_id })
  const contactSyncs = deleteErasedContactSyncsStep(targets)
  const consentConfirmations = deleteErasedConsentConfirmationsStep(targets)
  const linkUses = deleteErasedLinkUsesStep(targets)
  const consentInput = transform({ input, plan }, ({ input, plan }) => ({
    customer_id: input.customer_id,
    erasure_id: plan.erasure_id,
    actor: input.actor,
  }))
  const consents = anonymiseErasedConsentsStep(consentInput)
  const counted = {
    deliveries,
    contactProfile,
    orderFacts,
    reviewContacts,
    reviewRequests,
    checkouts,
    orderTotals,
    contactSyncs,
    consentConfirmations,
    linkUses,
    consents,
  }
  const record = transform(
    { input, plan, loyalty, ...counted },
    ({ input, plan, loyalty, deliveries, consents, ...rows }) => {
      return {
        erasure_id: plan.erasure_id,
        subject_hash: plan.subject_hash,
        actor: input.actor,
        kinds: {
          ...deliveries,
          contact_profile: rows.contactProfile,
          order_facts: rows.orderFacts,
          review_contacts: rows.reviewContacts,
          review_requests: rows.reviewRequests,
          checkouts: rows.checkouts,
          order_totals: rows.orderTotals,
          contact_syncs: rows.contactSyncs,
          consent_confirmations: rows.consentConfirmations,
          link_uses: rows.linkUses,
          ...consents,
          ...loyalty,
        },
        platforms: Object.fromEntries(
          Object.entries(plan.platforms).map(([id, { stop_calls, still_held }]) => [
            id,
            { stop_calls: plan.held ? stop_calls : [], still_held },
          ])
        ),
      }
    }
  )
  recordErasureStep(record)
  // the last writing step: a stop call may be sent as soon as it is written, and cannot be unsent
  // found by their erasure (`subject_id`), never by the customer: no outbox row keeps the shopper's id
  const stopCalls = transform({ plan }, ({ plan }) =>
    plan.held ? plan.stop_calls.map((call) => ({ ...call, customer_id: null })) : []
  )
  const enqueued = enqueueDeliveriesStep(stopCalls).config({ name: "enqueue-erasure-stop-calls" })
  const eventData = transform({ enqueued }, ({ enqueued }) => ({
    ids: enqueued.filter((result) => result.created).map((result) => result.delivery.id),
  }))
  releaseContactLocksStep(locks)
  emitEventStep({ eventName: EngagementEvents.DELIVERY_ENQUEUED, data: eventData })
  const result = transform({ plan, record }, ({ plan, record }): EraseContactResult => ({
    erasure_id: plan.erasure_id,
    customer_id: plan.customer_id,
    erased: record.kinds,
    platforms: Object.entries(plan.platforms).map(([id, platform]) => ({
      id,
      ...platform,
      stop_calls: plan.held ? platform.stop_calls : [],
    })),
  }))
  return new WorkflowResponse(result)
})
