// The rows of the admin's charts, in a file of types only: the admin imports them (type-only) for
// the answers it reads, and the decorated class of charts.ts stays out of its type-check.

export interface ReviewRequestWeek {
  /** the week's Monday (UTC), `YYYY-MM-DD`: the requests created that week */
  week: string
  /** every request of the week but those skipped at once (no email, opted out) */
  scheduled: number
  sent: number
  /** a review link was followed (built-in email only: a platform's links are its own) */
  clicked: number
  /** a review came for the order and earned its points (the review webhook's receipt) */
  reviewed: number
}

export interface PlatformDeliveryCounts {
  platform: string
  delivered: number
  /** failed and waiting for a retry, or given up (dead) */
  failed: number
  /** pending or being sent */
  waiting: number
}
