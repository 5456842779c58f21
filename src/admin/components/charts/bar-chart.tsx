import { ChartFrame } from "./chart-frame"
import { FRAME, heightOf, niceMax, PLOT, Series, TONES } from "./scale"

interface BarChartProps {
  id: string
  title: string
  summary: string
  categories: string[]
  series: Series[]
  /** the series of a category on top of each other (a total), or side by side */
  stacked?: boolean
}

/** Bars per category: side by side, or stacked into the category's total. */
export const BarChart = ({ id, title, summary, categories, series, stacked = false }: BarChartProps) => {
  const totals = categories.map((_, index) =>
    stacked
      ? series.reduce((sum, line) => sum + Math.max(0, line.values[index] ?? 0), 0)
      : Math.max(0, ...series.map((line) => line.values[index] ?? 0))
  )
  const max = niceMax(Math.max(0, ...totals))
  const slot = PLOT.width / Math.max(1, categories.length)
  const groupWidth = Math.min(slot * 0.7, 64)
  const barWidth = stacked ? groupWidth : groupWidth / Math.max(1, series.length)
  const baseline = FRAME.top + PLOT.height
  return (
    <ChartFrame id={id} title={title} summary={summary} categories={categories} series={series} max={max}>
      {categories.map((category, index) => {
        const left = FRAME.left + slot * index + (slot - groupWidth) / 2
        let below = 0
        return (
          <g key={category}>
            {series.map((line, position) => {
              const value = line.values[index] ?? 0
              const height = heightOf(value, max)
              const x = stacked ? left : left + barWidth * position
              const y = baseline - below - height
              if (stacked) {
                below += height
              }
              return (
                <rect
                  key={line.key}
                  className={TONES[line.tone]}
                  fill="currentColor"
                  x={x}
                  y={y}
                  width={Math.max(1, barWidth - (stacked ? 0 : 2))}
                  height={height}
                  rx={stacked ? 0 : 2}
                >
                  <title>{`${category} · ${line.label}: ${value.toLocaleString()}`}</title>
                </rect>
              )
            })}
          </g>
        )
      })}
      <line x1={FRAME.left} x2={FRAME.width - FRAME.right} y1={baseline} y2={baseline} stroke="currentColor" />
    </ChartFrame>
  )
}
