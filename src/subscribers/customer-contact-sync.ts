import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContactEvents } from "../modules/engagement/events"
import { syncCustomerContactsWorkflow } from "../workflows/contact-sync/workflows/sync-customer-contacts"
import { withLoggableErrors } from "../utils/database-errors"

/** A customer was created or changed (or their addresses): their profile follows, and the platforms are told. */
async function customerContactSync({
  event,
  container,
}: SubscriberArgs<{ id?: string; customer_ids?: string[] }>) {
  const customerIds = event.data.customer_ids ?? (event.data.id ? [event.data.id] : [])
  if (!customerIds.length) {
    return
  }
  await syncCustomerContactsWorkflow(container).run({ input: { customer_ids: customerIds } })
}

export default withLoggableErrors(customerContactSync)

export const config: SubscriberConfig = {
  event: ["customer.created", "customer.updated", ContactEvents.CHANGED],
  context: { subscriberId: "engagement-customer-contact-sync" },
}
