import { z } from "@medusajs/framework/zod"
import type { SettingsArea } from "../../utils/settings-areas"
import {
  earnOptionsSchema,
  loyaltyOptionsSchema,
  redeemOptionsSchema,
  referralOptionsSchema,
  ResolvedLoyaltyOptions,
  schemesOptionsSchema,
  tierRulesSchema,
} from "./options"

type Area = SettingsArea<ResolvedLoyaltyOptions>

const { expiry_days, debt_policy, points_per_currency_unit, campaigns } = loyaltyOptionsSchema.shape

/**
 * The loyalty programme's settings areas, each a part of the `loyalty` options validated by the
 * option's own schema. `schemes.code_secret` is left out: it stays an option (env LOYALTY_CODE_SECRET).
 */
export const LOYALTY_SETTINGS_AREAS: readonly Area[] = [
  {
    id: "loyalty-earning",
    schema: earnOptionsSchema,
    read: (options) => options.earn,
    apply: (options, values) => ({ ...options, earn: values as ResolvedLoyaltyOptions["earn"] }),
  },
  {
    id: "loyalty-campaigns",
    schema: z.object({ campaigns }),
    read: ({ campaigns }) => ({ campaigns }),
    apply: (options, values) => ({ ...options, ...(values as Pick<ResolvedLoyaltyOptions, "campaigns">) }),
  },
  {
    id: "loyalty-tiers",
    schema: tierRulesSchema,
    read: (options) => options.tiers,
    apply: (options, values) => ({ ...options, tiers: values as ResolvedLoyaltyOptions["tiers"] }),
  },
  {
    id: "loyalty-expiry",
    schema: z.object({ expiry_days, debt_policy }),
    read: ({ expiry_days, debt_policy }) => ({ expiry_days, debt_policy }),
    apply: (options, values) => ({
      ...options,
      ...(values as Pick<ResolvedLoyaltyOptions, "expiry_days" | "debt_policy">),
    }),
  },
  {
    id: "loyalty-redemption",
    schema: z.object({ redeem: redeemOptionsSchema.prefault({}), points_per_currency_unit }),
    read: ({ redeem, points_per_currency_unit }) => ({ redeem, points_per_currency_unit }),
    apply: (options, values) => ({
      ...options,
      ...(values as Pick<ResolvedLoyaltyOptions, "redeem" | "points_per_currency_unit">),
    }),
  },
  {
    id: "loyalty-referrals",
    schema: referralOptionsSchema,
    read: (options) => options.referrals,
    apply: (options, values) => ({ ...options, referrals: values as ResolvedLoyaltyOptions["referrals"] }),
  },
  {
    id: "loyalty-schemes",
    schema: schemesOptionsSchema.omit({ code_secret: true }),
    read: ({ schemes: { code_secret: _secret, ...rest } }) => rest,
    apply: (options, values) => ({
      ...options,
      schemes: { ...(values as ResolvedLoyaltyOptions["schemes"]), code_secret: options.schemes.code_secret },
    }),
  },
]

/**
 * The whole options with an area's values in place, checked as at start-up (a closed-loop scheme
 * needs the code secret option): the problems, each naming its option, or none.
 */
export function loyaltyProblemsWith(options: ResolvedLoyaltyOptions, area: Area, values: Record<string, unknown>) {
  const parsed = loyaltyOptionsSchema.safeParse(area.apply(options, values))
  return parsed.success ? [] : parsed.error.issues.map((issue) => `loyalty.${issue.path.join(".")}: ${issue.message}`)
}
