/** The chart's drawing area in SVG units: the viewBox is scaled to the card's width. */
export const FRAME = { width: 640, height: 220, left: 48, right: 12, top: 12, bottom: 36 } as const
export const PLOT = {
  width: FRAME.width - FRAME.left - FRAME.right,
  height: FRAME.height - FRAME.top - FRAME.bottom,
} as const

/** The tones a series takes: @medusajs/ui's tag colours, drawn with `currentColor` so dark mode follows. */
export const TONES = {
  green: "text-ui-tag-green-icon",
  blue: "text-ui-tag-blue-icon",
  orange: "text-ui-tag-orange-icon",
  red: "text-ui-tag-red-icon",
  purple: "text-ui-tag-purple-icon",
  grey: "text-ui-tag-neutral-icon",
} as const
export type Tone = keyof typeof TONES

export interface Series {
  key: string
  label: string
  tone: Tone
  values: number[]
}

/** A round top for the value axis (1, 2 or 5 times a power of ten) at or above the largest value. */
export function niceMax(largest: number): number {
  if (largest <= 0) {
    return 1
  }
  const power = 10 ** Math.floor(Math.log10(largest))
  const step = [1, 2, 5, 10].find((factor) => factor * power >= largest)!
  return step * power
}

/** The value axis' ticks: 0, a quarter… the top (whole numbers when the top is small). */
export function ticksUpTo(max: number): number[] {
  const parts = max < 4 ? max : 4
  return Array.from({ length: parts + 1 }, (_, index) => (max * index) / parts)
}

/** The height of a value in SVG units, measured up from the x axis. */
export const heightOf = (value: number, max: number) => (Math.max(0, value) / max) * PLOT.height

/** A category label short enough for its slot (the hidden table and the tooltip keep it whole). */
export const shortLabel = (label: string, room: number) => {
  const fits = Math.max(3, Math.floor(room / 6.5))
  return label.length > fits ? `${label.slice(0, fits - 1)}…` : label
}

export const compact = (value: number) =>
  value.toLocaleString(undefined, { notation: value >= 10_000 ? "compact" : "standard", maximumFractionDigits: 1 })
