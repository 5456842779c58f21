/**
 * The last `weeks` calendar weeks (Monday to Sunday, in UTC) up to and including the week of `now`,
 * as a `weeks` CTE with two columns: `week_start` and `week_end` (timestamptz). A chart's query
 * LEFT JOINs its rows on `created_at >= week_start AND created_at < week_end` so a week with
 * nothing in it is still a row, and the join's range is one bounded scan of a `created_at` index.
 */
export function weekSeries(weeks: number, now: Date): { sql: string; params: unknown[] } {
  return {
    sql: `weeks AS (
      SELECT (w AT TIME ZONE 'UTC') AS week_start, ((w + interval '1 week') AT TIME ZONE 'UTC') AS week_end
        FROM generate_series(
          date_trunc('week', ?::timestamptz AT TIME ZONE 'UTC') - make_interval(weeks => ?::int - 1),
          date_trunc('week', ?::timestamptz AT TIME ZONE 'UTC'),
          interval '1 week'
        ) AS w
    )`,
    params: [now, weeks, now],
  }
}

/** A week's first day as the charts label it: `2026-11-30`. */
export const WEEK_LABEL = `to_char(week_start AT TIME ZONE 'UTC', 'YYYY-MM-DD')`
