/** Events the engagement module's workflows emit. */
export const EngagementEvents = {
  /** rows were written to the outbox: `{ ids }`; triggers the prompt first attempt */
  DELIVERY_ENQUEUED: "engagement.delivery.enqueued",
} as const

/** Events about consents: `{ customer_id, purposes }`, for the platforms' sync. */
export const ConsentEvents = {
  CHANGED: "engagement.consent.changed",
} as const
