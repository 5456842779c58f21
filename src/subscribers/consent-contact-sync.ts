import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ConsentEvents } from "../modules/engagement/events"
import { markContactsForSyncWorkflow } from "../workflows/contact-sync/workflows/mark-contacts-for-sync"
import { withLoggableErrors } from "../utils/database-errors"

/** Any consent change (storefront, admin, email link, checkout, import) reaches every platform that keeps contacts. */
async function consentContactSync({ event, container }: SubscriberArgs<{ customer_id: string }>) {
  if (!event.data?.customer_id) {
    return
  }
  await markContactsForSyncWorkflow(container).run({ input: { customer_ids: [event.data.customer_id] } })
}

export default withLoggableErrors(consentContactSync)

export const config: SubscriberConfig = {
  event: ConsentEvents.CHANGED,
  context: { subscriberId: "engagement-consent-contact-sync" },
}
