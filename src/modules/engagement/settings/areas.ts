import { z } from "@medusajs/framework/zod"
import type { SettingsArea } from "../../../utils/settings-areas"
import { outboxOptionsSchema, ResolvedEngagementOptions, reviewRequestOptionsSchema } from "../options"

/** The options in effect: the configured ones, and the platforms' dry-run switches saved in the admin. */
export type EffectiveEngagementOptions = ResolvedEngagementOptions & { dry_run_platforms?: Record<string, boolean> }

type Area = SettingsArea<EffectiveEngagementOptions>

/** The review-request rules an owner edits; templates, channels and the webhook (with its secret) stay options. */
const reviewRequestSettingsSchema = reviewRequestOptionsSchema.pick({
  enabled: true,
  delay: true,
  trigger: true,
  category_delays: true,
  exclusions: true,
  reminders: true,
})
type ReviewRequestSettings = z.infer<typeof reviewRequestSettingsSchema>

export const dryRunSettingsSchema = z.object({
  dry_run: outboxOptionsSchema.shape.dry_run,
  platforms: z
    .record(z.string().regex(/^[a-z][a-z0-9_]*$/, "a platform id"), z.boolean())
    .default({})
    .describe("a switched-on platform's own dry-run, in place of its `dry_run` option"),
})
export type DryRunSettings = z.infer<typeof dryRunSettingsSchema>

/** The engagement module's settings areas, each validated by the option's own schema. */
export const ENGAGEMENT_SETTINGS_AREAS: readonly Area[] = [
  {
    id: "review-requests",
    schema: reviewRequestSettingsSchema,
    read: ({ review_requests: { enabled, delay, trigger, category_delays, exclusions, reminders } }) => ({
      enabled,
      delay,
      trigger,
      category_delays,
      exclusions,
      reminders,
    }),
    apply: (options, values) => ({
      ...options,
      review_requests: { ...options.review_requests, ...(values as ReviewRequestSettings) },
    }),
  },
  {
    id: "delivery-dry-run",
    schema: dryRunSettingsSchema,
    // the platforms' own dry-run options are read from each platform; only saved overrides are kept here
    read: ({ outbox, dry_run_platforms }) => ({ dry_run: outbox.dry_run, platforms: dry_run_platforms ?? {} }),
    apply: (options, values) => {
      const { dry_run, platforms } = values as DryRunSettings
      return { ...options, outbox: { ...options.outbox, dry_run }, dry_run_platforms: platforms }
    },
  },
]
