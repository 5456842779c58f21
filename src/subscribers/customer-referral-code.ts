import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { CustomerWorkflowEvents } from "@medusajs/framework/utils"
import { withLoggableErrors } from "../utils/database-errors"
import { createReferralCodesWorkflow } from "../workflows/loyalty/workflows/create-referral-codes"

/** A new customer gets their referral code at once, so reading it (`GET /store/engagement/referral`) never writes. */
async function customerReferralCode({ event, container }: SubscriberArgs<{ id?: string; ids?: string[] }>) {
  const customerIds = event.data.ids ?? (event.data.id ? [event.data.id] : [])
  if (customerIds.length) {
    await createReferralCodesWorkflow(container).run({ input: { customer_ids: customerIds } })
  }
}

export default withLoggableErrors(customerReferralCode)

export const config: SubscriberConfig = {
  event: CustomerWorkflowEvents.CREATED,
  context: { subscriberId: "engagement-customer-referral-code" },
}
