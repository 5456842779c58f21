import { z } from "@medusajs/framework/zod"
import { durationSchema as duration } from "../../../provider-api/duration"
import { serverUrl } from "../server-url"

/**
 * What is never asked about, and how often one shopper is asked. Each rule is decided at the send
 * time (returns, products asked about, the cap and the product's flags can change after the order).
 */
export const reviewExclusionOptionsSchema = z.object({
  returned_items: z
    .boolean()
    .default(true)
    .describe("leave out lines returned (or with a return requested), written off or refunded before the send time"),
  repeat_product_months: z
    .number()
    .int()
    .min(0)
    .max(120)
    .default(12)
    .describe("a product already asked about for the same shopper within this many months is left out (0: off)"),
  max_per_customer: z
    .number()
    .int()
    .min(0)
    .max(100)
    .default(2)
    .describe("at most this many review emails (requests and reminders) per shopper per `cap_window` (0: no cap)"),
  cap_window: duration.default(30 * 86_400_000).describe("the window of `max_per_customer`"),
  over_cap: z
    .enum(["wait", "skip"])
    .default("wait")
    .describe("a request over the cap waits until the shopper is under it again, or is skipped"),
  product_metadata_key: z
    .string()
    .min(1)
    .default("engagement_review_exclude")
    .describe("a product with this metadata set to `true` is never asked about"),
  categories: z.array(z.string().min(1)).default([]).describe("product categories (id or handle) never asked about"),
  min_order_total: z
    .record(z.string().regex(/^[a-z]{3}$/, "a lower-case ISO 4217 code"), z.number().int().min(0))
    .default({})
    .describe(
      "orders below this total are not asked about: currency → minimum in **integer minor units** (`{ eur: 1500 }` is 15.00 EUR)"
    ),
  test_email_domains: z
    .array(z.string().min(1))
    .default(["test", "invalid", "localhost", "example"])
    .describe("test orders: an email at one of these domains (or a subdomain) is never asked"),
})

/** Reminders of the built-in email (no review platform): each one an email with tracked review links. */
export const reviewReminderOptionsSchema = z.object({
  count: z
    .number()
    .int()
    .min(0)
    .max(3)
    .default(1)
    .describe("reminders of the built-in email after the first one (0 to 3)"),
  intervals: z
    .array(duration)
    .min(1)
    .max(3)
    .default([5 * 86_400_000])
    .describe("the wait before each reminder (the last one repeats for later reminders)"),
  link_url: z
    .string()
    .default(() => `${serverUrl()}/engagement/review-links/{token}`)
    .describe(
      "the tracked review link in every review email; `{token}` is replaced; by default on this server (`MEDUSA_BACKEND_URL`, else `http://localhost:$PORT`)"
    ),
  review_url: z
    .string()
    .default("http://localhost:8000/products/{handle}#reviews")
    .describe("where a followed link leads; `{handle}` and `{id}` of the product are replaced"),
  link_ttl: duration
    .default(30 * 86_400_000)
    .describe("how long a review link works: each email (request, reminder) signs its own, so 30 days from that email"),
})

export const REVIEW_WEBHOOK_SECRET_MIN_LENGTH = 32

/** The signed webhook a review platform (or the storefront) calls when a review is published. */
export const reviewWebhookOptionsSchema = z
  .object({
    enabled: z
      .boolean()
      .default(false)
      .describe("accept `POST /engagement/webhooks/reviews` (points for a published review); off: that route is a 404"),
    secret: z
      .string()
      .optional()
      .describe(
        "**required when enabled**, no default: HMAC-SHA256 key of the webhook signature (32+ random characters); start-up stops naming `review_requests.webhook.secret` without it"
      ),
    points: z
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .default(50)
      .describe("points per reviewed order line, once per line"),
    tolerance: duration
      .default(5 * 60_000)
      .describe("how far the signed timestamp may be from now; older or further ahead is refused (401)"),
  })
  .superRefine((value, ctx) => {
    if (!value.enabled) {
      return
    }
    if (!value.secret) {
      ctx.addIssue({
        code: "custom",
        path: ["secret"],
        message:
          "required when the review webhook is enabled (env ENGAGEMENT_REVIEW_WEBHOOK_SECRET); there is no default",
      })
    } else if (value.secret.length < REVIEW_WEBHOOK_SECRET_MIN_LENGTH || new Set(value.secret).size < 10) {
      ctx.addIssue({
        code: "custom",
        path: ["secret"],
        message: `too weak: at least ${REVIEW_WEBHOOK_SECRET_MIN_LENGTH} random characters`,
      })
    }
  })

/** category id or handle -> delay before a product of that category is asked about */
export const reviewCategoryDelaysSchema = z.record(z.string().min(1), duration).default({})

export type ReviewExclusionOptions = z.infer<typeof reviewExclusionOptionsSchema>
export type ReviewReminderOptions = z.infer<typeof reviewReminderOptionsSchema>
export type ReviewWebhookOptions = z.infer<typeof reviewWebhookOptionsSchema>
