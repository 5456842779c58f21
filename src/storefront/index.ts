/**
 * `medusa-plugin-engagement/storefront`: one typed function per store route of the plugin, for a
 * storefront holding a `@medusajs/js-sdk` instance. Works in the browser and in Next.js server
 * actions (pass the shopper's auth headers as `{ headers }`). Every failure is an `EngagementStoreError`.
 *
 *   import { getLoyalty } from "medusa-plugin-engagement/storefront"
 *   const { loyalty } = await getLoyalty(sdk, { headers: await getAuthHeaders() })
 */
export * from "./errors"
export { isAccepted } from "./request"
export type { EngagementCallOptions, EngagementSdk, OrAccepted } from "./request"
export * from "./loyalty"
export * from "./contact"
export * from "./programme"
export * from "./cart"
export type * from "../types"
