import { formatDate, formatDateTime, formatDay } from "../../lib/dates"

/** Display helpers of the contact widget (dates as Medusa's dashboard shows them: lib/dates.ts). */

export const dateOf = (value: string | null | undefined) => formatDate(value)

/** A calendar day (YYYY-MM-DD, a date of birth), which no time zone moves. */
export const dayOf = (value: string | null | undefined, locale?: string) => formatDay(value, "—", locale)
export const timeOf = (value: string | null | undefined) => formatDateTime(value)

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
