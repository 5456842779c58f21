import { MedusaError } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import { durationMs } from "./duration"
import { REVIEW_REQUEST_TRIGGERS } from "./types"
import {
  reviewCategoryDelaysSchema,
  reviewExclusionOptionsSchema,
  reviewReminderOptionsSchema,
  reviewWebhookOptionsSchema,
} from "./review-requests/options"

/** milliseconds, or a duration such as "30s", "10m", "7d" */
const duration = z.union([z.number().int().min(0), z.string()]).transform((value, ctx) => {
  try {
    return typeof value === "number" ? value : durationMs(value)
  } catch (error) {
    ctx.addIssue({ code: "custom", message: (error as Error).message })
    return z.NEVER
  }
})

export const outboxOptionsSchema = z.object({
  /** attempts before a delivery that keeps failing with passing faults is `dead` */
  max_attempts: z.number().int().min(1).max(100).default(12),
  /** the first retry waits about this long; each further one twice as long */
  base_delay_ms: z.number().int().min(0).default(30_000),
  /** no retry waits longer than this */
  max_delay_ms: z.number().int().min(0).default(3_600_000),
  /** rows one dispatch claims per platform */
  batch_size: z.number().int().min(1).max(1000).default(50),
  /** how long a claimed row stays claimed: longer than any request can take */
  lease_ms: z.number().int().min(1000).default(120_000),
  /** every platform in dry-run: calls are built and stored as `dry_run`, never sent (README "Dry-run") */
  dry_run: z.boolean().default(false),
})

export const reviewRequestOptionsSchema = z.object({
  enabled: z.boolean().default(true),
  /** how long after the trigger the shopper is asked */
  delay: duration.default(7 * 86_400_000),
  /** what starts the clock: the order being placed, fulfilled, shipped or delivered */
  trigger: z.enum(REVIEW_REQUEST_TRIGGERS).default("placed"),
  /** variant fields tried in order for the GTIN */
  gtin_sources: z
    .array(z.enum(["barcode", "ean", "upc"]))
    .min(1)
    .default(["barcode", "ean", "upc"]),
  /** variant (then product) metadata key holding the manufacturer part number */
  mpn_metadata_key: z.string().min(1).default("mpn"),
  /** use the SKU as MPN when there is none (only if your SKUs are the manufacturer's numbers) */
  mpn_fallback_to_sku: z.boolean().default(false),
  /** product (then variant) metadata key holding the brand */
  brand_metadata_key: z.string().min(1).default("brand"),
  default_brand: z.string().optional(),
  /** customer or order metadata key holding a language code; else the default */
  language_metadata_key: z.string().min(1).default("language"),
  default_language: z
    .string()
    .regex(/^[a-z]{2}$/, "a two-letter ISO 639-1 code")
    .default("en"),
  /** the notification template and channel of the built-in email */
  email_template: z.string().min(1).default("engagement-review-request"),
  email_channel: z.string().min(1).default("email"),
  /** interim opt-out: a customer whose metadata has this key set to true gets no review request */
  opt_out_metadata_key: z.string().min(1).default("engagement_review_requests_opt_out"),
  /** category (id or handle) -> delay; a product's metadata `engagement_review_delay` comes first */
  category_delays: reviewCategoryDelaysSchema,
  exclusions: reviewExclusionOptionsSchema.prefault({}),
  reminders: reviewReminderOptionsSchema.prefault({}),
  webhook: reviewWebhookOptionsSchema.prefault({}),
})

export const storefrontOptionsSchema = z.object({
  /** a product page; `{handle}` and `{id}` are replaced */
  product_url: z.string().default("http://localhost:8000/products/{handle}"),
  /** where a shopper goes back to an order; `{order_id}` and `{display_id}` are replaced */
  order_url: z.string().default("http://localhost:8000/account/orders/details/{order_id}"),
})

export const conversionOptionsSchema = z.object({
  /** tell the platforms that take cart conversions about every placed order (their own options map it) */
  enabled: z.boolean().default(true),
})

export const LINK_SECRET_MIN_LENGTH = 32
const LINK_SECRET_HINT = `set consents.link_secret (env ENGAGEMENT_LINK_SECRET) to at least ${LINK_SECRET_MIN_LENGTH} random characters, e.g. the output of \`openssl rand -base64 48\``

/** Refuses a missing key, a short one and one of few distinct characters ("aaaa…", "12121212…"). */
const linkSecret = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (!value) {
      ctx.addIssue({ code: "custom", message: `required: the link secret has no default; ${LINK_SECRET_HINT}` })
      return z.NEVER
    }
    if (value.length < LINK_SECRET_MIN_LENGTH || new Set(value).size < 10 || /change-me/i.test(value)) {
      ctx.addIssue({ code: "custom", message: `too weak; ${LINK_SECRET_HINT}` })
      return z.NEVER
    }
    return value
  })

export const consentPurposeSchema = z.object({
  /** what the purpose is sent over */
  channel: z.enum(["email", "sms"]).default("email"),
  description: z.string().optional(),
  /** a grant (`True`) is recorded as `AwaitingConfirmation` until the emailed link confirms it */
  double_opt_in: z.boolean().default(false),
})

export const consentOptionsSchema = z.object({
  /** the purposes a shopper can consent to; the ledger refuses any other */
  purposes: z
    .record(z.string().regex(/^[a-z][a-z0-9_]*$/, "lower-case letters, digits and _"), consentPurposeSchema)
    .prefault({
      email_marketing: { channel: "email" },
      sms_marketing: { channel: "sms" },
      review_requests: { channel: "email" },
    }),
  /**
   * HMAC key of unsubscribe and confirmation links. No default: a known key would let anyone forge
   * a link for any customer, so the module refuses to start without one of real strength.
   */
  link_secret: linkSecret,
  unsubscribe_ttl: duration.default(90 * 86_400_000),
  confirmation_ttl: duration.default(7 * 86_400_000),
  /** a repeated AwaitingConfirmation request re-sends the pending confirmation at most once per this */
  confirmation_resend_after: duration.default(10 * 60_000),
  /** the unsubscribe link put in every email; `{token}` is replaced */
  unsubscribe_url: z.string().default("http://localhost:9000/engagement/unsubscribe?token={token}"),
  /** the double opt-in confirmation link; `{token}` is replaced */
  confirm_url: z.string().default("http://localhost:8000/consents/confirm?token={token}"),
  confirmation_template: z.string().min(1).default("engagement-consent-confirmation"),
})

const pair = z.tuple([z.number().min(0), z.number().min(0)])

export const statisticsOptionsSchema = z.object({
  /** RFM thresholds: recency in days since the last order, frequency in orders, monetary in major units */
  rfm: z
    .object({
      recency_days: pair.default([30, 90]),
      frequency: pair.default([2, 5]),
      monetary: pair.default([100, 500]),
    })
    .prefault({}),
})

export const contactSyncOptionsSchema = z.object({
  /** keep every switched-on platform's copy of each contact up to date */
  enabled: z.boolean().default(true),
  /** changes to one contact within this window after the first go out as one call per platform */
  coalesce_ms: duration.default(10_000),
  /** sync in the same process as soon as the window has passed (else only the minute job sends) */
  prompt: z.boolean().default(true),
})

export const reconciliationOptionsSchema = z.object({
  /** orders (and their cancellations, returns) of this many days back are checked for missing work */
  window_days: z.number().int().min(1).max(90).default(7),
  /** an order younger than this is left to its subscribers (they may still be running) */
  grace_ms: duration.default(5 * 60_000),
  /** orders (or returns) one page of a run checks; a run checks a few pages at most */
  batch_size: z.number().int().min(1).max(1000).default(100),
})

export const engagementOptionsSchema = z
  .object({
    /**
     * the platforms, as Medusa module providers (`{ resolve, id?, options }`); a platform not listed
     * is off. The module's loader registers them and each checks its own options.
     */
    providers: z
      .array(
        z.object({
          resolve: z.union([z.string().min(1), z.object({ services: z.array(z.unknown()) }).passthrough()]),
          id: z.string().min(1).optional(),
          options: z.record(z.string(), z.unknown()).optional(),
        })
      )
      .default([]),
    outbox: outboxOptionsSchema.prefault({}),
    review_requests: reviewRequestOptionsSchema.prefault({}),
    conversions: conversionOptionsSchema.prefault({}),
    storefront: storefrontOptionsSchema.prefault({}),
    consents: consentOptionsSchema.prefault({}),
    statistics: statisticsOptionsSchema.prefault({}),
    contact_sync: contactSyncOptionsSchema.prefault({}),
    reconciliation: reconciliationOptionsSchema.prefault({}),
  })
  .passthrough()

export type ConsentOptions = z.infer<typeof consentOptionsSchema>
export type StorefrontOptions = z.infer<typeof storefrontOptionsSchema>
export type ConversionOptions = z.infer<typeof conversionOptionsSchema>
export type ReviewRequestOptions = z.infer<typeof reviewRequestOptionsSchema>
export type ContactSyncOptions = z.infer<typeof contactSyncOptionsSchema>
export type ReconciliationOptions = z.infer<typeof reconciliationOptionsSchema>
export type OutboxOptions = z.infer<typeof outboxOptionsSchema>
export type EngagementModuleOptions = z.input<typeof engagementOptionsSchema>
export type ResolvedEngagementOptions = z.infer<typeof engagementOptionsSchema>

/** The module's options, checked at start-up: a wrong option stops the server with a message that names it. */
export function parseEngagementOptions(options: unknown): ResolvedEngagementOptions {
  if (options && typeof options === "object" && "platforms" in options) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "Invalid engagement plugin options: platforms: each platform is now a provider, listed in `providers: [{ resolve, options }]` (see the README)"
    )
  }
  const parsed = engagementOptionsSchema.safeParse(options ?? {})
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid engagement plugin options: ${problems}`)
  }
  return parsed.data
}
