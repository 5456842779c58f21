/**
 * What a platform provider implements, for the plugin's own providers and for a package that adds
 * a platform (`medusa-plugin-engagement/provider-api`; see docs/writing-a-provider.md).
 */
export * from "./capabilities"
export { classifyHttpAnswer, describeAnswer, parseRetryAfter } from "./classify"
export * from "./provider"
export * from "./types"
export * from "./platform-failure"
export * from "./loyalty-source"
export * from "./loyalty-source-writes"
export * from "./storefront"
export { durationMs, durationSchema } from "./duration"
export { joinUrl } from "./url"
