import { createStep, createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { engagementSuite } from "../../helpers/suite"
import { anonymiseErasedConsentsStep } from "../../../src/workflows/privacy/steps/anonymise-erased-consents"
import { deleteErasedCheckoutsStep } from "../../../src/workflows/privacy/steps/delete-erased-checkouts"
import { deleteErasedConsentConfirmationsStep } from "../../../src/workflows/privacy/steps/delete-erased-consent-confirmations"
import { deleteErasedContactProfilesStep } from "../../../src/workflows/privacy/steps/delete-erased-contact-profiles"
import { deleteErasedContactSyncsStep } from "../../../src/workflows/privacy/steps/delete-erased-contact-syncs"
import { deleteErasedLinkUsesStep } from "../../../src/workflows/privacy/steps/delete-erased-link-uses"
import { deleteErasedOrderFactsStep } from "../../../src/workflows/privacy/steps/delete-erased-order-facts"
import { deleteErasedOrderTotalsStep } from "../../../src/workflows/privacy/steps/delete-erased-order-totals"
import { deleteErasedReviewContactsStep } from "../../../src/workflows/privacy/steps/delete-erased-review-contacts"
import { deleteErasedReviewRequestsStep } from "../../../src/workflows/privacy/steps/delete-erased-review-requests"
import { eraseDeliveriesStep } from "../../../src/workflows/privacy/steps/erase-deliveries"
import { findErasureScopeStep } from "../../../src/workflows/privacy/steps/find-erasure-scope"
import { prepareErasureStep } from "../../../src/workflows/privacy/steps/prepare-erasure"
import { recordErasureStep } from "../../../src/workflows/privacy/steps/record-erasure"
import { contactSyncOf, engagementOf, scanPluginTables, syncContactsNow, withoutTimes } from "../../helpers/engagement"
import { eventually, useTestPlatforms } from "../../helpers/stand-ins"
import { createShopper, placeOrder } from "../../helpers/store"

jest.setTimeout(240_000)

const ACTOR = { type: "user", id: "user_test" }

// test-only: every engagement step of an erasure, then a failure, so that each compensation must put its table back
const failAfterErasureSteps = createStep("test-erase-fails-after-engagement-steps", async () => {
  throw new Error("a later step failed")
})
const eraseEngagementThenFail = createWorkflow("test-erase-engagement-then-fail", (input: { customer_id: string }) => {
  const plan = prepareErasureStep(input)
  const scopeInput = transform({ input, plan }, ({ input, plan }) => ({
    customer_id: input.customer_id,
    email: plan.email,
  }))
  const targets = findErasureScopeStep(scopeInput)
  const deliveryInput = transform({ plan, targets }, ({ plan, targets }) => ({
    targets,
    identifiers: plan.identifiers,
    personal_values: plan.personal_values,
  }))
  eraseDeliveriesStep(deliveryInput)
  deleteErasedContactProfilesStep(targets)
  deleteErasedOrderFactsStep(targets)
  deleteErasedReviewContactsStep(targets)
  deleteErasedReviewRequestsStep(targets)
  deleteErasedCheckoutsStep(targets)
  deleteErasedOrderTotalsStep(input)
  deleteErasedContactSyncsStep(targets)
  deleteErasedConsentConfirmationsStep(targets)
  deleteErasedLinkUsesStep(targets)
  const consentInput = transform({ input, plan }, ({ input, plan }) => ({
    customer_id: input.customer_id,
    erasure_id: plan.erasure_id,
    actor: ACTOR,
  }))
  anonymiseErasedConsentsStep(consentInput)
  const record = transform({ plan }, ({ plan }) => ({
    erasure_id: plan.erasure_id,
    subject_hash: plan.subject_hash,
    actor: ACTOR,
    kinds: {},
    platforms: {},
  }))
  recordErasureStep(record)
  failAfterErasureSteps()
  return new WorkflowResponse(undefined)
})

// platforms that keep contacts: the shopper has contact syncs and outbox rows to erase
useTestPlatforms({ ENGAGEMENT_OUTBOX_BASE_DELAY: "1h", ENGAGEMENT_HTTP_TIMEOUT: "2s" }, { contacts: true })

const EMAIL = "compensa.backagain@example.com"
const FIRST = "Compensa"
const LAST = "Backagain"

/** A failed erasure leaves the shopper's engagement records exactly as they were. */
engagementSuite({
  testSuite: ({ api, getContainer }, seeded) => {
    it("puts every engagement table back exactly when a later step of the erasure fails", async () => {
      const container = getContainer()
      const engagement = engagementOf(container)
      const shopper = await createShopper(api, seeded.store, EMAIL, { first_name: FIRST, last_name: LAST })
      await contactSyncOf(container, shopper.customerId, "crmcom")
      await syncContactsNow(container)
      const [pen] = seeded.store.products
      await placeOrder(api, seeded.store, {
        email: EMAIL,
        customerHeaders: shopper.headers,
        items: [{ variant_id: pen.variants[0].id, quantity: 1 }],
      })
      await eventually(async () => (await engagement.listOrderFacts({ customer_id: shopper.customerId })).length > 0)
      const engagementRows = async () =>
        (await scanPluginTables(container, [EMAIL])).dump.filter((row) => row.startsWith("engagement_"))
      // the order's own effects (points, the contact's figures and syncs) settle first
      const before = await eventually(async () => {
        const first = await engagementRows()
        await new Promise((resolve) => setTimeout(resolve, 3000))
        return JSON.stringify(await engagementRows()) === JSON.stringify(first) ? first : undefined
      })
      // the shopper is in tables the erasure deletes from and changes
      const holding = new Set(
        before.filter((row) => row.includes(shopper.customerId)).map((row) => row.slice(0, row.indexOf(":")))
      )
      expect([...holding]).toEqual(
        expect.arrayContaining(["engagement_contact_profile", "engagement_order_fact", "engagement_contact_sync"])
      )

      const { errors } = await eraseEngagementThenFail(container).run({
        input: { customer_id: shopper.customerId },
        throwOnError: false,
      })
      expect(errors.map((error) => error.error.message)).toEqual(["a later step failed"])
      expect(withoutTimes(await engagementRows())).toEqual(withoutTimes(before))
    })
  },
})
