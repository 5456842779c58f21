import Medusa from "@medusajs/js-sdk"

/** The admin's own session: widgets call the plugin's admin routes as the signed-in user. */
export const sdk = new Medusa({
  baseUrl: import.meta.env.VITE_BACKEND_URL || "/",
  debug: import.meta.env.DEV,
  auth: { type: "session" },
})
