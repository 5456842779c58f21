/** Events the engagement module's workflows emit. */
export const EngagementEvents = {
  /** rows were written to the outbox: `{ ids }`; triggers the prompt first attempt */
  DELIVERY_ENQUEUED: "engagement.delivery.enqueued",
} as const
