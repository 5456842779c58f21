/**
 * What a platform provider implements, for the plugin's own providers and for a package that adds
 * a platform (`medusa-plugin-engagement/provider-api`; see docs/writing-a-provider.md).
 */
export * from "./capabilities"
export { classifyHttpAnswer, describeAnswer, parseRetryAfter } from "./classify"
export * from "./provider"
export * from "./types"
export * from "./platform-failure"
export { joinUrl } from "./url"
export { ENGAGEMENT_MODULE } from "../types"
