import type { LoyaltyModuleOptions } from "./options"

/**
 * The demo's loyalty options from environment variables; a store sets the options in its
 * medusa-config instead. Unset variables keep the defaults.
 */
export function loyaltyOptionsFromEnv(env: NodeJS.ProcessEnv): LoyaltyModuleOptions {
  // LOYALTY_OPTIONS: the whole options object as JSON; the single variables below override it
  const options: LoyaltyModuleOptions = env.LOYALTY_OPTIONS ? JSON.parse(env.LOYALTY_OPTIONS) : {}
  if (env.LOYALTY_ENABLED === "false") {
    options.enabled = false
  }
  if (env.LOYALTY_PENDING_DAYS) {
    options.earn = { ...options.earn, pending_days: Number(env.LOYALTY_PENDING_DAYS) }
  }
  if (env.LOYALTY_EXPIRY_DAYS) {
    options.expiry_days = env.LOYALTY_EXPIRY_DAYS === "never" ? null : Number(env.LOYALTY_EXPIRY_DAYS)
  }
  if (env.LOYALTY_DEBT_POLICY === "block" || env.LOYALTY_DEBT_POLICY === "write_off") {
    options.debt_policy = env.LOYALTY_DEBT_POLICY
  }
  if (env.LOYALTY_SOURCE) {
    options.source = env.LOYALTY_SOURCE
  }
  if (env.LOYALTY_CODE_SECRET) {
    options.schemes = { ...options.schemes, code_secret: env.LOYALTY_CODE_SECRET }
  }
  // the demo's tiers, so the customer page has something to show
  options.tiers ??= {
    levels: [
      { id: "silver", name: "Silver", threshold: 500, multiplier: 1, color: "#9ca3af" },
      { id: "gold", name: "Gold", threshold: 2000, multiplier: 1.5, color: "#d97706" },
    ],
  }
  return options
}
