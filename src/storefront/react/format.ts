/** Money in the currency's main unit, as the locale writes it (`€5.50`, `5,50 €`). */
export function formatMoney(amount: number, currencyCode: string, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency: currencyCode.toUpperCase() }).format(amount)
}

/** A number of points, grouped as the locale groups digits. */
export function formatPoints(points: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(points)
}

/** A day from an ISO instant, as the locale writes it. */
export function formatDate(iso: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(iso))
}

/** The money `points` are worth at `pointsPerUnit` points per unit of the currency. */
export function pointsValue(points: number, pointsPerUnit: number): number {
  return points / pointsPerUnit
}

/**
 * The points a control may apply: a whole multiple of `step`, between `min` (when any is asked
 * for) and `max`; 0 when the cart can take none.
 */
export function boundedPoints(points: number, terms: { max: number; step: number; min: number }): number {
  const step = Math.max(1, terms.step)
  const top = terms.max - (terms.max % step)
  if (!Number.isFinite(points) || top <= 0) {
    return 0
  }
  const stepped = Math.floor(Math.min(Math.max(points, 0), top) / step) * step
  const lowest = Math.ceil(terms.min / step) * step
  return Math.min(Math.max(stepped, lowest), top)
}
