type Env = Record<string, string | undefined>

const list = (value: string | undefined) =>
  value
    ? value
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean)
    : undefined

/** "a=1,b=2" as { a: "1", b: "2" } */
function pairs(value: string | undefined): Record<string, string> | undefined {
  const parts = list(value)
  return (
    parts && Object.fromEntries(parts.map((part) => part.split("=").map((side) => side.trim()) as [string, string]))
  )
}

const int = (value: string | undefined) => (value === undefined || value === "" ? undefined : Number(value))

function mapValues<T>(record: Record<string, string> | undefined, map: (value: string) => T) {
  return record && Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]))
}

/** The review-request exclusions, timing, reminders and webhook from the environment (unset: defaults). */
export function reviewRequestOptionsFromEnv(env: Env) {
  return {
    category_delays: pairs(env.ENGAGEMENT_REVIEW_CATEGORY_DELAYS),
    exclusions: {
      repeat_product_months: int(env.ENGAGEMENT_REVIEW_REPEAT_MONTHS),
      max_per_customer: int(env.ENGAGEMENT_REVIEW_MAX_PER_CUSTOMER),
      over_cap: (env.ENGAGEMENT_REVIEW_OVER_CAP || undefined) as "wait" | "skip" | undefined,
      categories: list(env.ENGAGEMENT_REVIEW_EXCLUDED_CATEGORIES),
      min_order_total: mapValues(pairs(env.ENGAGEMENT_REVIEW_MIN_ORDER_TOTAL), Number),
      test_email_domains: list(env.ENGAGEMENT_REVIEW_TEST_EMAIL_DOMAINS),
    },
    reminders: {
      count: int(env.ENGAGEMENT_REVIEW_REMINDERS),
      intervals: list(env.ENGAGEMENT_REVIEW_REMINDER_INTERVALS),
      link_url: env.ENGAGEMENT_REVIEW_LINK_URL || undefined,
      review_url: env.ENGAGEMENT_REVIEW_URL || undefined,
    },
    webhook: {
      enabled: env.ENGAGEMENT_REVIEW_WEBHOOK === "true",
      secret: env.ENGAGEMENT_REVIEW_WEBHOOK_SECRET || undefined,
      points: int(env.ENGAGEMENT_REVIEW_WEBHOOK_POINTS),
    },
  }
}
