/** A platform's state on the admin's Platforms tab, most urgent first. */
export const PLATFORM_STATES = ["not_configured", "dry_run", "paused", "failing", "degraded", "healthy"] as const
export type PlatformState = (typeof PLATFORM_STATES)[number]

/** The rows the state is judged on: a platform's most recently attempted rows within a day. */
export const HEALTH_WINDOW = { rows: 20, hours: 24 } as const

/** The latest attempt of each of those rows: how many there are and how many of them failed. */
export interface RecentOutcomes {
  attempted: number
  /** the latest attempt failed: the row is failed, dead, or waiting to retry after an error */
  failed: number
}

/**
 * The rule, in this order: not configured; dry-run (nothing is sent, so nothing can fail); paused
 * (the platform answered 429 and waits out its Retry-After); then, over the latest attempt of the
 * platform's 20 most recently attempted rows of the last 24 hours: Failing when at least half
 * failed, Degraded when any did, Healthy otherwise (also when nothing was attempted).
 */
export function platformState(input: {
  name: string
  configured: boolean
  dry_run: boolean
  paused_until: string | null
  recent: RecentOutcomes
}): { state: PlatformState; rule: string } {
  const { name, recent } = input
  if (!input.configured) {
    return { state: "not_configured", rule: `${name} is not set up in the store's configuration.` }
  }
  if (input.dry_run) {
    return { state: "dry_run", rule: `${name} is in dry-run: its calls are built and stored, never sent.` }
  }
  if (input.paused_until) {
    return {
      state: "paused",
      rule: `${name} answered 429 (rate limited): nothing is sent to it until ${input.paused_until}.`,
    }
  }
  const window = `its ${HEALTH_WINDOW.rows} most recently attempted deliveries of the last ${HEALTH_WINDOW.hours} hours`
  const judged = `${recent.failed} of ${recent.attempted} last attempts failed (${window})`
  const thresholds = "Failing when at least half fail, Degraded when any fails, Healthy when none does."
  if (recent.attempted === 0) {
    return { state: "healthy", rule: `No delivery to ${name} attempted in the last ${HEALTH_WINDOW.hours} hours.` }
  }
  const state: PlatformState =
    recent.failed === 0 ? "healthy" : recent.failed * 2 >= recent.attempted ? "failing" : "degraded"
  return { state, rule: `${judged}. ${thresholds}` }
}
