import { createStep, createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { engagementSuite } from "../../helpers/suite"
import type LoyaltyModuleService from "../../../src/modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../src/modules/loyalty/types"
import { eraseLoyaltyAccountStep, EraseLoyaltyInput } from "../../../src/workflows/privacy/steps/erase-loyalty-account"
import { contactSyncOf, engagementOf, syncContactsNow, scanPluginTables, withoutTimes } from "../../helpers/engagement"
import { responseOf } from "../../helpers/http"
import { bodiesOf, eventually, useTestPlatforms } from "../../helpers/stand-ins"
import { createAdminHeaders, createShopper, placeOrder } from "../../helpers/store"

jest.setTimeout(240_000)

// test-only: the loyalty step of an erasure, then a failure, so that its compensation must put everything back
const failAfterLoyaltyStep = createStep("test-erase-fails-after-loyalty", async () => {
  throw new Error("a later step failed")
})
const eraseLoyaltyThenFail = createWorkflow("test-erase-loyalty-then-fail", (input: EraseLoyaltyInput) => {
  eraseLoyaltyAccountStep(input)
  failAfterLoyaltyStep()
  return new WorkflowResponse(undefined)
})

// a failed call waits an hour: it is still waiting when the shopper is erased
const platforms = useTestPlatforms(
  {
    ENGAGEMENT_OUTBOX_BASE_DELAY: "1h",
    ENGAGEMENT_HTTP_TIMEOUT: "2s",
    ENGAGEMENT_EXPERTSENDER_CONSENT_IDS: "email_marketing=1,sms_marketing=2",
  },
  { contacts: true }
)
const { rejoiner } = platforms

const EMAIL = "erasmina.forgetsen@example.com"
const FIRST = "Erasmina"
const LAST = "Forgetsen"
// the phone as typed and as the profile keeps it
const NEEDLES = [EMAIL, FIRST, LAST, "5550199", "555 0199"]

/** Erasing a shopper safely: concurrent erasures erase once, and a failed erasure puts the loyalty ledger back. */
engagementSuite({
  testSuite: ({ api, getContainer }, seeded) => {
    const scan = () => scanPluginTables(getContainer(), NEEDLES)

    it("erases once when five erasures of one shopper run at once", async () => {
      const container = getContainer()
      const engagement = engagementOf(container)
      const admin = await createAdminHeaders(container)
      const shopper = await createShopper(api, seeded.store, EMAIL, { first_name: FIRST, last_name: LAST })
      await contactSyncOf(container, shopper.customerId, "crmcom")
      await syncContactsNow(container)

      // addressed by the customer id or by the contact's own id; the confirmation is the customer id either way
      const missing = await responseOf(
        api.post("/admin/engagement/contacts/engcp_nobody/erase", { confirm: shopper.customerId }, admin)
      )
      expect(missing.status).toBe(404)
      const [profile] = await engagement.listContactProfiles({ customer_id: shopper.customerId })
      const urls = [shopper.customerId, profile.id, shopper.customerId, profile.id, shopper.customerId].map(
        (id) => `/admin/engagement/contacts/${id}/erase`
      )
      const answers = await Promise.all(
        urls.map((url) => responseOf(api.post(url, { confirm: shopper.customerId }, admin)))
      )
      // a contact id no longer exists once another request has erased it (404); the customer id always answers
      expect(
        answers.map((answer, index) =>
          answer.status === 404 && urls[index].includes(profile.id) ? 200 : answer.status
        )
      ).toEqual([200, 200, 200, 200, 200])
      const first = answers.filter((answer) => answer.status === 200 && answer.data.erased.contact_profile === 1)
      expect(first).toHaveLength(1)
      const sent = answers
        .filter((answer) => answer.status === 200)
        .flatMap((answer) => answer.data.platforms.flatMap((platform: any) => platform.stop_calls))
      expect(sent).toHaveLength(6)
      const stopCalls = await eventually(async () => {
        await engagement.dispatchDueDeliveries()
        const rows = (await engagement.listDeliveries({})).filter((row) => row.subject_id?.startsWith("engera_"))
        return rows.length === 6 && rows.every((row) => row.status === "delivered") ? rows : undefined
      })
      expect(new Set(stopCalls.map((row) => row.subject_id))).toEqual(new Set([first[0].data.erasure_id]))
      expect(bodiesOf(rejoiner, "unsubscribe").filter((body) => body.email === EMAIL)).toHaveLength(1)
      expect((await scan()).hits).toEqual([])
    })

    it("puts the loyalty account and its ledger back exactly when a later step of the erasure fails", async () => {
      const container = getContainer()
      const shopper = await createShopper(api, seeded.store, EMAIL, { first_name: FIRST, last_name: LAST })
      const [pen] = seeded.store.products
      await placeOrder(api, seeded.store, {
        email: EMAIL,
        customerHeaders: shopper.headers,
        items: [{ variant_id: pen.variants[0].id, quantity: 1 }],
      })
      const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
      await eventually(
        async () => (await loyalty.listLoyaltyTransactions({ customer_id: shopper.customerId })).length > 0
      )
      // a referral code and an invitation: rows the erasure deletes, and the compensation must bring back
      await api.post("/store/engagement/referral/invitations", { emails: ["a-friend@example.com"] }, shopper)
      const loyaltyRows = async () => (await scan()).dump.filter((row) => row.startsWith("loyalty_"))
      const before = await loyaltyRows()
      expect(before.some((row) => row.includes(shopper.customerId))).toBe(true)
      expect(before.filter((row) => /^loyalty_referral_(code|invitation): /.test(row))).toHaveLength(2)

      const { errors } = await eraseLoyaltyThenFail(container).run({
        input: {
          erasure_id: "engera_test",
          customer_id: shopper.customerId,
          email: EMAIL,
          personal_values: [EMAIL, FIRST, LAST],
        },
        throwOnError: false,
      })
      expect(errors.map((error) => error.error.message)).toEqual(["a later step failed"])
      expect(withoutTimes(await loyaltyRows())).toEqual(withoutTimes(before))
      const [account] = await loyalty.listLoyaltyAccounts({ customer_id: shopper.customerId })
      expect(account.spending_blocked).toBe(false)
    })
  },
})
