/** A week's Monday as a chart labels it: "30 Nov". */
export const weekLabel = (week: string) =>
  new Date(`${week}T00:00:00Z`).toLocaleDateString(undefined, { day: "numeric", month: "short", timeZone: "UTC" })

export const percent = (share: number | null) =>
  share === null ? "–" : share.toLocaleString(undefined, { style: "percent", maximumFractionDigits: 1 })
