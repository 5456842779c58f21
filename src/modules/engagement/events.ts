/** Events the engagement module's workflows emit. */
export const EngagementEvents = {
  /** rows were written to the outbox: `{ ids }`; triggers the prompt first attempt */
  DELIVERY_ENQUEUED: "engagement.delivery.enqueued",
} as const

/** Events about consents: `{ customer_id, purposes }`, for the platforms' sync. */
export const ConsentEvents = {
  CHANGED: "engagement.consent.changed",
} as const

/** Events about contacts: `{ customer_ids }`, when something the platforms keep changed outside a customer event. */
export const ContactEvents = {
  /** a customer's addresses were created or updated */
  CHANGED: "engagement.contact.changed",
} as const
