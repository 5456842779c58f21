/** The plugin's routes with parameters in their path (the fuzz suite fails on one missing here). */
export const ROUTES_WITH_PATH_PARAMS = [
  "/admin/engagement/contacts/:id",
  "/admin/engagement/contacts/:id/consents",
  "/admin/engagement/contacts/:id/expertsender",
  "/admin/engagement/contacts/:id/export",
  "/admin/engagement/contacts/:id/journeys/cancel",
  "/admin/engagement/contacts/:id/sync",
  "/admin/engagement/contacts/crm-id/:crm_id",
  "/admin/engagement/contacts/email/:email",
  "/admin/engagement/contacts/phone/:phone",
  "/admin/engagement/deliveries/:id",
  "/admin/engagement/deliveries/:id/retry",
  "/admin/orders/:id/engagement",
]
