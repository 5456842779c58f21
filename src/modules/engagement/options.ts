import { MedusaError } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import { durationSchema as duration } from "../../provider-api/duration"
import { storefrontOptionsSchema } from "../../provider-api/storefront"
import { reconciliationOptionsSchema } from "./reconciliation/options"
import { serverUrl } from "./server-url"
import { REVIEW_REQUEST_TRIGGERS } from "./types"
import {
  reviewCategoryDelaysSchema,
  reviewExclusionOptionsSchema,
  reviewReminderOptionsSchema,
  reviewWebhookOptionsSchema,
} from "./review-requests/options"

export const outboxOptionsSchema = z.object({
  max_attempts: z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(12)
    .describe(
      "attempts before a delivery that keeps failing with passing faults is `dead` (with the defaults, about six hours of retries)"
    ),
  base_delay_ms: z
    .number()
    .int()
    .min(0)
    .default(30_000)
    .describe("the first retry waits about this long (ms), each further one twice as long, with jitter"),
  max_delay_ms: z.number().int().min(0).default(3_600_000).describe("no retry waits longer than this (ms)"),
  batch_size: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(50)
    .describe("most rows one claim takes per platform (a claim takes no more than the platform's free slots)"),
  lease_ms: z
    .number()
    .int()
    .min(1000)
    .default(120_000)
    .describe(
      "how long a claimed row stays claimed if its worker dies (ms); at least twice every platform's `timeout_ms` (checked at start-up)"
    ),
  dry_run: z
    .boolean()
    .default(false)
    .describe(
      "every platform in dry-run: calls are built and stored as `dry_run`, never sent (docs/delivery-guarantees.md, section Dry-run)"
    ),
})

export const reviewRequestOptionsSchema = z.object({
  enabled: z.boolean().default(true).describe("schedule a review request for every placed order"),
  delay: duration
    .default(7 * 86_400_000)
    .describe("time from the trigger to the request; a product's or category's own delay comes first"),
  trigger: z
    .enum(REVIEW_REQUEST_TRIGGERS)
    .default("placed")
    .describe(
      "what starts the clock: the order `placed`, `fulfilled` (`order.fulfillment_created`), `shipped` (`shipment.created`) or `delivered` (`delivery.created`)"
    ),
  gtin_sources: z
    .array(z.enum(["barcode", "ean", "upc"]))
    .min(1)
    .default(["barcode", "ean", "upc"])
    .describe("variant fields tried in order for the GTIN"),
  mpn_metadata_key: z
    .string()
    .min(1)
    .default("mpn")
    .describe("variant, then product metadata key holding the manufacturer part number (MPN)"),
  mpn_fallback_to_sku: z
    .boolean()
    .default(false)
    .describe("use the SKU as MPN when there is none (only if your SKUs are the manufacturer's numbers)"),
  brand_metadata_key: z
    .string()
    .min(1)
    .default("brand")
    .describe("product, then variant metadata key holding the brand"),
  default_brand: z.string().optional().describe("the brand when the product has none"),
  language_metadata_key: z
    .string()
    .min(1)
    .default("language")
    .describe("customer, then order metadata key holding the language; else `default_language`"),
  default_language: z
    .string()
    .regex(/^[a-z]{2}$/, "a two-letter ISO 639-1 code")
    .default("en")
    .describe("two-letter language (ISO 639-1) otherwise"),
  email_template: z
    .string()
    .min(1)
    .default("engagement-review-request")
    .describe("notification template of the built-in email (sent when no review platform is configured)"),
  email_channel: z.string().min(1).default("email").describe("notification channel of the built-in email"),
  opt_out_metadata_key: z
    .string()
    .min(1)
    .default("engagement_review_requests_opt_out")
    .describe(
      "interim opt-out: until the consent ledger has a value for the customer, one whose metadata has this key set to `true` gets no review request"
    ),
  category_delays: reviewCategoryDelaysSchema.describe(
    "category id or handle → delay (`{ mattresses: \"60d\" }`); a product's metadata `engagement_review_delay` comes first, then the longest of its categories' delays"
  ),
  exclusions: reviewExclusionOptionsSchema.prefault({}),
  reminders: reviewReminderOptionsSchema.prefault({}),
  webhook: reviewWebhookOptionsSchema.prefault({}),
})

export const conversionOptionsSchema = z.object({
  enabled: z
    .boolean()
    .default(true)
    .describe(
      "send a cart conversion for every placed order to the platforms that take them (each platform's own options map it)"
    ),
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
  channel: z.enum(["email", "sms"]).default("email").describe("what the purpose is sent over"),
  description: z.string().optional().describe("what the purpose is, in words"),
  double_opt_in: z
    .boolean()
    .default(false)
    .describe("a grant (`True`) is recorded as `AwaitingConfirmation` until the emailed link confirms it"),
})

export const consentOptionsSchema = z.object({
  purposes: z
    .record(z.string().regex(/^[a-z][a-z0-9_]*$/, "lower-case letters, digits and _"), consentPurposeSchema)
    .prefault({
      email_marketing: { channel: "email" },
      sms_marketing: { channel: "sms" },
      review_requests: { channel: "email" },
    })
    .describe(
      "the purposes a shopper can consent to, `{ [purpose]: { channel, description?, double_opt_in? } }`; the ledger refuses any other"
    ),
  link_secret: linkSecret.describe(
    "**required**, no default: HMAC key of unsubscribe and confirmation links (and, derived for that purpose only, of review links), at least 32 random characters (`openssl rand -base64 48`); the server refuses to start without one, or with a weak one, naming the option. `npm run demo` makes one in `.demo-data/link-secret`"
  ),
  // each link is single-purpose (one customer, one purpose, one action, used once) and short-lived,
  // so one written to an access log is worth little
  unsubscribe_ttl: duration
    .default(35 * 86_400_000)
    .describe(
      "how long an unsubscribe link works: an opt-out must keep working at least 30 days after the email is sent (CAN-SPAM), with 5 days' margin"
    ),
  confirmation_ttl: duration.default(2 * 86_400_000).describe("how long a confirmation link works"),
  confirmation_resend_after: duration
    .default(10 * 60_000)
    .describe("a repeated `AwaitingConfirmation` re-sends the pending confirmation at most once per this"),
  unsubscribe_url: z
    .string()
    .default(() => `${serverUrl()}/engagement/unsubscribe?token={token}`)
    .describe(
      "the unsubscribe link put in every email; `{token}` is replaced; by default on this server (`MEDUSA_BACKEND_URL`, else `http://localhost:$PORT`)"
    ),
  confirm_url: z
    .string()
    .default("http://localhost:8000/consents/confirm?token={token}")
    .describe("the double opt-in link (a storefront page that POSTs the token); `{token}` is replaced"),
  confirmation_template: z
    .string()
    .min(1)
    .default("engagement-consent-confirmation")
    .describe("notification template of the double opt-in email"),
})

const pair = z.tuple([z.number().min(0), z.number().min(0)])

export const statisticsOptionsSchema = z.object({
  rfm: z
    .object({
      recency_days: pair
        .default([30, 90])
        .describe("days since the last order: up to the first scores R3, up to the second R2, more R1"),
      frequency: pair.default([2, 5]).describe("orders: from the second F3, from the first F2, fewer F1"),
      monetary: pair
        .default([100, 500])
        .describe("total spent in major units: from the second M3, from the first M2, less M1"),
    })
    .prefault({})
    .describe("RFM thresholds of the segment (see docs/contact-sync.md)"),
})

export const contactSyncOptionsSchema = z.object({
  enabled: z.boolean().default(true).describe("keep every switched-on platform's copy of each contact up to date"),
  coalesce_ms: duration
    .default(10_000)
    .describe("changes to one contact within this window after the first go out as one call per platform"),
  prompt: z
    .boolean()
    .default(true)
    .describe(
      "sync in the same process as soon as the window has passed (else only the minute job sends); off in a server started with `MEDUSA_WORKER_MODE=server`"
    ),
})

export const engagementOptionsSchema = z
  .object({
    providers: z
      .array(
        z.object({
          resolve: z.union([z.string().min(1), z.object({ services: z.array(z.unknown()) }).passthrough()]),
          id: z.string().min(1).optional(),
          options: z.record(z.string(), z.unknown()).optional(),
        })
      )
      .default([])
      .describe(
        "the platforms, as Medusa module providers `{ resolve, id?, options }` (`resolve`: `medusa-plugin-engagement/providers/<id>` or your own provider); a platform not listed is off. The loader registers them and each checks its own options at start-up"
      ),
    outbox: outboxOptionsSchema.prefault({}),
    review_requests: reviewRequestOptionsSchema.prefault({}),
    conversions: conversionOptionsSchema.prefault({}),
    storefront: storefrontOptionsSchema.prefault({}),
    consents: consentOptionsSchema.prefault({}),
    statistics: statisticsOptionsSchema.prefault({}),
    contact_sync: contactSyncOptionsSchema.prefault({}),
    reconciliation: reconciliationOptionsSchema
      .prefault({})
      .describe("reconciliation of orders whose engagement work an event lost (docs/delivery-guarantees.md)"),
  })
  .passthrough()

export type ConsentOptions = z.infer<typeof consentOptionsSchema>
export type ConversionOptions = z.infer<typeof conversionOptionsSchema>
export type ReviewRequestOptions = z.infer<typeof reviewRequestOptionsSchema>
export type ContactSyncOptions = z.infer<typeof contactSyncOptionsSchema>
export type OutboxOptions = z.infer<typeof outboxOptionsSchema>
export type EngagementModuleOptions = z.input<typeof engagementOptionsSchema>
export type ResolvedEngagementOptions = z.infer<typeof engagementOptionsSchema>

/** The module's options, checked at start-up: a wrong option stops the server with a message that names it. */
export function parseEngagementOptions(options: unknown): ResolvedEngagementOptions {
  if (options && typeof options === "object" && "platforms" in options) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "Invalid engagement plugin options: platforms: each platform is now a provider, listed in `providers: [{ resolve, options }]` (see docs/configuration.md)"
    )
  }
  const parsed = engagementOptionsSchema.safeParse(options ?? {})
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid engagement plugin options: ${problems}`)
  }
  return parsed.data
}
