import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContactEvents } from "../modules/engagement/events"
import { syncCustomerContactsWorkflow } from "../workflows/contact-sync/workflows/sync-customer-contacts"
import { withLoggableErrors } from "../utils/database-errors"
import { CustomerWorkflowEvents } from "@medusajs/framework/utils"

/** A customer was created or changed (or their addresses): their profile follows, and the platforms are told. */
async function customerContactSync({ event, container }: SubscriberArgs<{ id?: string; customer_ids?: string[] }>) {
  const customerIds = event.data.customer_ids ?? (event.data.id ? [event.data.id] : [])
  if (!customerIds.length) {
    return
  }
  await syncCustomerContactsWorkflow(container).run({ input: { customer_ids: customerIds } })
}

export default withLoggableErrors(customerContactSync)

export const config: SubscriberConfig = {
  event: [CustomerWorkflowEvents.CREATED, CustomerWorkflowEvents.UPDATED, ContactEvents.CHANGED],
  context: { subscriberId: "engagement-customer-contact-sync" },
}
