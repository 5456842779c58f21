import { z } from "@medusajs/framework/zod"
import { DEBT_POLICIES } from "./types"

const points = z.number().int().min(0)
const currencyCode = z.string().regex(/^[a-z]{3}$/, "a lower-case ISO 4217 code")

const CODE_SECRET_MIN_LENGTH = 32
const CODE_SECRET_HINT = `set loyalty.schemes.code_secret (env LOYALTY_CODE_SECRET) to at least ${CODE_SECRET_MIN_LENGTH} random characters, e.g. the output of \`openssl rand -base64 48\``

export const tierOptionsSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_-]*$/, "lower-case letters, digits, - and _"),
  name: z.string().min(1),
  threshold: points,
  multiplier: z.number().positive().default(1),
  color: z.string().optional(),
})

const domain = z
  .string()
  .regex(
    /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/,
    "a lower-case domain such as example-corp.com"
  )

export const schemeOptionsSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_-]*$/, "lower-case letters, digits, - and _"),
  name: z.string().min(1),
  description: z.string().default(""),
  /** members earn this many times the points (with the tier multiplier) */
  multiplier: z.number().positive().default(1),
  /** points given once when a customer first joins */
  signup_bonus: points.default(0),
  /** closed loop: only addresses of these domains may join, after a code sent there (empty: open) */
  allowed_domains: z.array(domain).default([]),
})

export const loyaltyOptionsSchema = z.object({
  enabled: z.boolean().default(true),
  /**
   * Who keeps the shopper's points: `local` (this plugin's ledger) or a switched-on platform that
   * can be the loyalty source; then its figures are read, mapped to the same answers, and the local
   * ledger is not written for orders.
   */
  source: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, "local, or the id of a platform that keeps loyalty")
    .default("local"),
  /** how long a source platform's answers are kept per shopper (ms) */
  source_cache_ms: z.number().int().min(0).max(3_600_000).default(30_000),
  earn: z
    .object({
      /** points per 1.00 of an order's currency; `default` for currencies not listed */
      points_per_unit: z.record(currencyCode.or(z.literal("default")), z.number().min(0)).default({ default: 1 }),
      /** what the points are computed on (shipping never counts): item subtotals less their discounts, without them, or item totals with tax */
      base: z
        .enum(["items_after_discounts", "items_before_discounts", "items_with_tax"])
        .default("items_after_discounts"),
      rounding: z.enum(["down", "nearest", "up"]).default("down"),
      /** at most this many points per order (null: no cap) */
      cap_per_order: points.nullable().default(null),
      /** days before earned points become spendable (0: at once) */
      pending_days: z.number().int().min(0).max(365).default(0),
    })
    .prefault({}),
  tiers: z
    .object({
      /** points counted for tiers: collected in the last `window_days`, or over the account's life */
      basis: z.enum(["period", "lifetime"]).default("period"),
      window_days: z.number().int().min(1).max(3650).default(365),
      levels: z.array(tierOptionsSchema).default([]),
    })
    .prefault({}),
  /** days after which earned points expire (null: never) */
  expiry_days: z.number().int().min(1).nullable().default(365),
  /** points already spent when a reversal comes: owed and spending blocked, or forgotten */
  debt_policy: z.enum(DEBT_POLICIES).default("block"),
  redeem: z
    .object({
      /** fewer points than this cannot be applied to a cart */
      min_points: points.default(0),
      /** the points may pay at most this share of the cart's total (0 < share ≤ 1) */
      max_share: z.number().gt(0).max(1).default(1),
      /** points are applied in whole multiples of this */
      step: z.number().int().min(1).default(1),
      /** a cart left uncompleted this long gives its points back */
      hold_hours: z
        .number()
        .int()
        .min(1)
        .max(24 * 30)
        .default(24),
    })
    .prefault({}),
  referrals: z
    .object({
      /** points the advocate gets when the referee's first order is placed */
      advocate_points: points.default(500),
      /** points the referee gets on that order */
      referee_points: points.default(500),
      /** at most this many accepted claims of one advocate's code in 24 hours */
      max_claims_per_day: z.number().int().min(1).default(10),
      /** the link a code is shared with; `{code}` is replaced */
      url: z.string().default("http://localhost:8000/?referral={code}"),
      /** the notification template and channel of invitations */
      invitation_template: z.string().min(1).default("engagement-referral-invitation"),
      email_channel: z.string().min(1).default("email"),
    })
    .prefault({}),
  schemes: z
    .object({
      list: z.array(schemeOptionsSchema).default([]),
      /** a closed-loop scheme's verification code is good for this long, for this many tries */
      code_ttl_minutes: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 60)
        .default(30),
      max_tries: z.number().int().min(1).max(20).default(5),
      /** tries of any code, per shopper and scheme: signing up again for a new code gives no new ones */
      max_tries_per_hour: z.number().int().min(1).default(5),
      max_tries_per_day: z.number().int().min(1).default(10),
      /** codes sent to one address in an hour, whoever asks */
      max_codes_per_address_per_hour: z.number().int().min(1).default(3),
      verification_template: z.string().min(1).default("engagement-scheme-verification"),
      email_channel: z.string().min(1).default("email"),
      /**
       * HMAC key of the verification codes kept (hashed) in the database; required once a
       * closed-loop scheme is configured. No default: a known key would let a dump's 10⁶ codes be tried offline.
       */
      code_secret: z.string().optional(),
    })
    .prefault({})
    .superRefine((schemes, ctx) => {
      const closedLoop = schemes.list.some((scheme) => scheme.allowed_domains.length > 0)
      const secret = schemes.code_secret
      if (!closedLoop && !secret) {
        return
      }
      if (!secret) {
        ctx.addIssue({
          code: "custom",
          path: ["code_secret"],
          message: `required with a closed-loop scheme: it has no default; ${CODE_SECRET_HINT}`,
        })
      } else if (secret.length < CODE_SECRET_MIN_LENGTH || new Set(secret).size < 10) {
        ctx.addIssue({ code: "custom", path: ["code_secret"], message: `too weak; ${CODE_SECRET_HINT}` })
      }
    }),
  /** points worth 1.00 of a currency (liability report, redemption); `default` for others */
  points_per_currency_unit: z
    .record(currencyCode.or(z.literal("default")), z.number().int().positive())
    .default({ default: 100 }),
})

export type SchemeOptions = z.infer<typeof schemeOptionsSchema>
export type LoyaltyModuleOptions = z.input<typeof loyaltyOptionsSchema>
export type ResolvedLoyaltyOptions = z.infer<typeof loyaltyOptionsSchema>

/**
 * The `loyalty` part of the plugin's options (a plugin's modules all receive the whole options
 * object), with defaults; invalid ones stop the server with every wrong option named.
 */
export function resolveLoyaltyOptions(
  pluginOptions: { loyalty?: LoyaltyModuleOptions } | undefined
): ResolvedLoyaltyOptions {
  const parsed = loyaltyOptionsSchema.safeParse(pluginOptions?.loyalty ?? {})
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `loyalty.${issue.path.join(".")}: ${issue.message}`)
    throw new Error(`Invalid loyalty options: ${issues.join("; ")}`)
  }
  return parsed.data
}
