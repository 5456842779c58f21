/** `medusa-plugin-engagement/types`: what a storefront needs to call the plugin's store routes. */
export * from "./store"
