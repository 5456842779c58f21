/** Display helpers of the contact widget. */

export const dateOf = (value: string | null | undefined) => (value ? new Date(value).toLocaleDateString() : "—")

/**
 * A calendar day (YYYY-MM-DD, a date of birth) in the viewer's format. It is read and shown in UTC,
 * so no time zone moves it: 1990-12-10 is the 10th in New York and in Tokyo alike.
 */
export const dayOf = (value: string | null | undefined, locale?: string) =>
  value ? new Date(`${value.slice(0, 10)}T00:00:00Z`).toLocaleDateString(locale, { timeZone: "UTC" }) : "—"
export const timeOf = (value: string | null | undefined) => (value ? new Date(value).toLocaleString() : "—")

/** An amount in major units, in the contact's currency (plain number without one). */
export function moneyOf(amount: number | string | null | undefined, currency: string | null) {
  const value = Number(amount ?? 0)
  if (!currency) {
    return value.toLocaleString()
  }
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency: currency.toUpperCase() }).format(value)
  } catch {
    return `${value.toLocaleString()} ${currency.toUpperCase()}`
  }
}

/** "email marketing" for "email_marketing"; "at risk" for "at_risk". */
export const labelOf = (value: string) => value.replace(/_/g, " ")
