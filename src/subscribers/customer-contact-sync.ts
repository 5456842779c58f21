import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContactEvents } from "../modules/engagement/events"
import { syncCustomerContactsWorkflow } from "../workflows/contact-sync/workflows/sync-customer-contacts"
import { coalescePerKey } from "../utils/coalesce-per-key"
import { withLoggableErrors } from "../utils/database-errors"
import { CustomerWorkflowEvents } from "@medusajs/framework/utils"

type Container = SubscriberArgs<unknown>["container"]

// a burst of changes of one customer makes one run in progress and one after it, not a queue of
// runs waiting for the customer's lock (see coalesce-per-key.ts); one coalescer per Medusa container
const coalescers = new WeakMap<Container, (customerIds: string[]) => Promise<void>>()
function syncerOf(container: Container) {
  let sync = coalescers.get(container)
  if (!sync) {
    sync = coalescePerKey(async (customerIds) => {
      await syncCustomerContactsWorkflow(container).run({ input: { customer_ids: customerIds } })
    })
    coalescers.set(container, sync)
  }
  return sync
}

/** A customer was created or changed (or their addresses): their profile follows, and the platforms are told. */
async function customerContactSync(args: SubscriberArgs<{ id?: string; customer_ids?: string[] }>) {
  const { data } = args.event
  const customerIds = data.customer_ids ?? (data.id ? [data.id] : [])
  if (!customerIds.length) {
    return
  }
  await syncerOf(args.container)(customerIds)
}

export default withLoggableErrors(customerContactSync)

export const config: SubscriberConfig = {
  event: [CustomerWorkflowEvents.CREATED, CustomerWorkflowEvents.UPDATED, ContactEvents.CHANGED],
  context: { subscriberId: "engagement-customer-contact-sync" },
}
