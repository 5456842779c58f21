import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { LOYALTY_EVENTS } from "../modules/loyalty/types"
import { syncLoyaltyToContactsWorkflow } from "../workflows/loyalty/workflows/sync-loyalty-to-contacts"
import { afterTheAnswer } from "../utils/after-the-answer"
import { withLoggableErrors } from "../utils/database-errors"

/**
 * A loyalty account changed (points or tier): its figures follow onto the contact and the
 * platforms; for the points a checkout redeemed, once the checkout has its answer (see order-placed).
 */
async function loyaltyContactSync({
  event,
  container,
}: SubscriberArgs<{ customer_id?: string; customer_ids?: string[] }>) {
  const customerIds = event.data.customer_ids ?? (event.data.customer_id ? [event.data.customer_id] : [])
  if (customerIds.length) {
    await afterTheAnswer()
    await syncLoyaltyToContactsWorkflow(container).run({ input: { customer_ids: customerIds } })
  }
}

export default withLoggableErrors(loyaltyContactSync)

export const config: SubscriberConfig = {
  event: [LOYALTY_EVENTS.ACCOUNT_CHANGED, LOYALTY_EVENTS.TIER_CHANGED],
  context: { subscriberId: "engagement-loyalty-contact-sync" },
}
