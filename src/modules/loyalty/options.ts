import { z } from "@medusajs/framework/zod"
import { campaignsSchema } from "./campaigns"
import { DEBT_POLICIES } from "./types"

const points = z.number().int().min(0)
const currencyCode = z.string().regex(/^[a-z]{3}$/, "a lower-case ISO 4217 code")

const CODE_SECRET_MIN_LENGTH = 32
const CODE_SECRET_HINT = `set loyalty.schemes.code_secret (env LOYALTY_CODE_SECRET) to at least ${CODE_SECRET_MIN_LENGTH} random characters, e.g. the output of \`openssl rand -base64 48\``

export const tierOptionsSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z][a-z0-9_-]*$/, "lower-case letters, digits, - and _")
    .describe("the tier's id"),
  name: z.string().min(1).describe("the tier's name, shown to the shopper"),
  threshold: points.describe("points collected (by `tiers.basis`) to reach the tier"),
  multiplier: z.number().positive().default(1).describe("the earning multiplier in the tier"),
  color: z.string().optional().describe("a colour for the admin's tier badge"),
})

const domain = z
  .string()
  .regex(
    /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/,
    "a lower-case domain such as example-corp.com"
  )

export const schemeOptionsSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z][a-z0-9_-]*$/, "lower-case letters, digits, - and _")
    .describe("the scheme's id"),
  name: z.string().min(1).describe("the scheme's name"),
  description: z.string().default("").describe("what the scheme is, shown to the shopper"),
  multiplier: z
    .number()
    .positive()
    .default(1)
    .describe("members earn this many times the points (times the tier multiplier and every other scheme joined)"),
  signup_bonus: points
    .default(0)
    .describe("points given once when a customer first joins (never again after leaving and joining)"),
  allowed_domains: z
    .array(domain)
    .default([])
    .describe(
      'closed loop (e.g. a company\'s staff: `["example-corp.com"]`): only addresses of exactly these domains may join, after a code sent there; empty: open'
    ),
})

export const earnOptionsSchema = z.object({
  points_per_unit: z
    .record(currencyCode.or(z.literal("default")), z.number().min(0))
    .default({ default: 1 })
    .describe(
      "points per 1.00 of an order's currency, e.g. `{ eur: 2, jpy: 0.01, default: 1 }`; `default` for currencies not listed"
    ),
  base: z
    .enum(["items_after_discounts", "items_before_discounts", "items_with_tax"])
    .default("items_after_discounts")
    .describe(
      "what the points are computed on (shipping never counts): item subtotals less their discounts (no tax), without the discounts, or item totals with tax"
    ),
  rounding: z.enum(["down", "nearest", "up"]).default("down").describe("rounding of each line's points"),
  cap_per_order: points
    .nullable()
    .default(null)
    .describe("at most this many points per order, shared over its lines in proportion (null: no cap)"),
  include_points_paid: z
    .boolean()
    .default(false)
    .describe(
      "earn on the part of an order paid with points too (the full amount, the earlier rule); by default points are earned on the money paid: the base less the loyalty credit line"
    ),
  pending_days: z
    .number()
    .int()
    .min(0)
    .max(365)
    .default(0)
    .describe("days before earned points become spendable and count for tiers (0: at once)"),
})

export const tierRulesSchema = z.object({
  basis: z
    .enum(["period", "lifetime"])
    .default("period")
    .describe("points counted for tiers: collected in the last `window_days`, or over the account's life"),
  window_days: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .default(365)
    .describe("the rolling window of the `period` basis, in days"),
  levels: z
    .array(tierOptionsSchema)
    .superRefine((levels, ctx) => {
      // a member's tier is found by id and reached by threshold: each must name one tier
      for (const field of ["id", "threshold"] as const) {
        levels.forEach((level, index) => {
          if (levels.findIndex((other) => other[field] === level[field]) !== index) {
            ctx.addIssue({
              code: "custom",
              path: [index, field],
              message: `${String(level[field])} is already the ${field} of another tier`,
            })
          }
        })
      }
    })
    .default([])
    .describe("the tiers, `[{ id, name, threshold, multiplier, color }]`; none: no tiers"),
})

export const redeemOptionsSchema = z.object({
  min_points: points.default(0).describe("fewer points than this cannot be applied to a cart"),
  max_share: z
    .number()
    .gt(0)
    .max(1)
    .default(1)
    .describe("the points may pay at most this share of the cart's total (0 < share ≤ 1)"),
  step: z.number().int().min(1).default(1).describe("points are applied in whole multiples of this"),
  hold_hours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24)
    .describe("a cart left uncompleted this long gives its points back (the maintenance job)"),
})

export const referralOptionsSchema = z.object({
  advocate_points: points.default(500).describe("points the advocate gets when the referee's first order is placed"),
  referee_points: points.default(500).describe("points the referee gets on that order"),
  max_claims_per_day: z
    .number()
    .int()
    .min(1)
    .default(10)
    .describe("at most this many accepted claims of one advocate's code in 24 hours"),
  url: z
    .string()
    .default("http://localhost:8000/?referral={code}")
    .describe("the link shown with the code and sent in invitations; `{code}` is replaced"),
  invitation_template: z
    .string()
    .min(1)
    .default("engagement-referral-invitation")
    .describe("notification template of an invitation (data: `referral_code`, `referral_url`)"),
  email_channel: z.string().min(1).default("email").describe("notification channel of invitations"),
})

/** The schemes' options; `code_secret` is a secret: it never appears in a settings area. */
export const schemesOptionsSchema = z.object({
  list: z.array(schemeOptionsSchema).default([]).describe("the reward schemes a shopper can join"),
  code_ttl_minutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(30)
    .describe("a closed-loop scheme's 6-digit verification code is good for this many minutes, once"),
  max_tries: z.number().int().min(1).max(20).default(5).describe("tries of one verification code"),
  max_tries_per_hour: z
    .number()
    .int()
    .min(1)
    .default(5)
    .describe("tries of any code per shopper and scheme in an hour: signing up again for a new code gives no new ones"),
  max_tries_per_day: z.number().int().min(1).default(10).describe("tries of any code per shopper and scheme in a day"),
  max_codes_per_address_per_hour: z
    .number()
    .int()
    .min(1)
    .default(3)
    .describe("codes sent to one address in an hour, whoever asks"),
  verification_template: z
    .string()
    .min(1)
    .default("engagement-scheme-verification")
    .describe("notification template of the code (data `{ scheme_id, scheme_name, code, expires_at }`)"),
  email_channel: z.string().min(1).default("email").describe("notification channel of the code"),
  code_secret: z
    .string()
    .optional()
    .describe(
      "**required once a closed-loop scheme is configured**, no default: HMAC-SHA-256 key of the verification codes kept in the database (32+ random characters), so a dump's 10⁶ codes cannot be tried offline; the server refuses to start without it, naming the option. `npm run demo` makes one in `.demo-data/code-secret`"
    ),
})

export const loyaltyOptionsSchema = z.object({
  enabled: z
    .boolean()
    .default(true)
    .describe("orders earn points and referrals award them in the local ledger (false: neither is written)"),
  source: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, "local, or the id of a platform that keeps loyalty")
    .default("local")
    .describe(
      "who keeps the shopper's points: `local` (this plugin's ledger) or a switched-on platform that can be the loyalty source (its provider declares `loyalty_source`); then its figures are read, mapped to the same answers, and the local ledger is not written for orders"
    ),
  source_cache_ms: z
    .number()
    .int()
    .min(0)
    .max(3_600_000)
    .default(30_000)
    .describe("how long a source platform's answers are kept per shopper (ms), in each process"),
  earn: earnOptionsSchema.prefault({}),
  campaigns: campaignsSchema,
  tiers: tierRulesSchema.prefault({}),
  expiry_days: z
    .number()
    .int()
    .min(1)
    .nullable()
    .default(365)
    .describe("days after which earned points expire (null: never)"),
  debt_policy: z
    .enum(DEBT_POLICIES)
    .default("block")
    .describe(
      "a reversal of points already spent: `block` records a debt that later earnings repay first, spending blocked meanwhile; `write_off` records and forgets it"
    ),
  redeem: redeemOptionsSchema.prefault({}),
  referrals: referralOptionsSchema.prefault({}),
  schemes: schemesOptionsSchema.prefault({}).superRefine((schemes, ctx) => {
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
  points_per_currency_unit: z
    .record(currencyCode.or(z.literal("default")), z.number().int().positive())
    .default({ default: 100 })
    .describe("points worth 1.00 of a currency (redemption, liability value); `default` for others"),
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
