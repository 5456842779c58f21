/**
 * Dates as Medusa's dashboard shows them (its useDate hook formats with date-fns' "PP p":
 * "Dec 6, 2026 7:59 AM"), in the viewer's time zone. The locale follows the dashboard's language
 * (i18next keeps it in localStorage under "lng"; "en" is en-US there, as in date-fns' enUS).
 */

const DASHBOARD_LOCALES: Record<string, string> = { en: "en-US", enGB: "en-GB" }

function dashboardLocale(): string {
  try {
    const language = globalThis.localStorage?.getItem("lng")
    if (language) {
      return DASHBOARD_LOCALES[language] ?? language
    }
  } catch {
    // storage refused (private mode): the default below
  }
  return "en-US"
}

function parse(value: string | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === "") {
    return null
  }
  const date = value instanceof Date ? value : new Date(value)
  return Number.isNaN(date.getTime()) ? null : date
}

const format = (date: Date, locale: string, options: Intl.DateTimeFormatOptions) => {
  try {
    return new Intl.DateTimeFormat(locale, options).format(date)
  } catch {
    return new Intl.DateTimeFormat("en-US", options).format(date)
  }
}

/** "Dec 6, 2026" (date-fns' "PP"); `timeZone` only where the viewer's is not the one meant. */
export function formatDate(
  value: string | Date | null | undefined,
  fallback = "—",
  locale = dashboardLocale(),
  timeZone?: string
) {
  const date = parse(value)
  return date ? format(date, locale, { dateStyle: "medium", timeZone }) : fallback
}

/** "Dec 6, 2026 7:59 AM" (date-fns' "PP p"): the day and the time, no seconds, no comma between. */
export function formatDateTime(
  value: string | Date | null | undefined,
  fallback = "—",
  locale = dashboardLocale(),
  timeZone?: string
) {
  const date = parse(value)
  if (!date) {
    return fallback
  }
  return `${formatDate(date, fallback, locale, timeZone)} ${format(date, locale, { timeStyle: "short", timeZone })}`
}

/**
 * A calendar day (YYYY-MM-DD, a date of birth), read and shown in UTC so no time zone moves it:
 * 1990-12-10 is Dec 10, 1990 in New York and in Tokyo alike.
 */
export function formatDay(value: string | null | undefined, fallback = "—", locale = dashboardLocale()) {
  return value ? formatDate(`${value.slice(0, 10)}T00:00:00Z`, fallback, locale, "UTC") : fallback
}
