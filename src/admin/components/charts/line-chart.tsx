import { ChartFrame } from "./chart-frame"
import { FRAME, heightOf, niceMax, PLOT, Series, TONES } from "./scale"

interface LineChartProps {
  id: string
  title: string
  summary: string
  categories: string[]
  series: Series[]
}

/** A line per series over the categories (weeks), a dot at each value. */
export const LineChart = ({ id, title, summary, categories, series }: LineChartProps) => {
  const max = niceMax(Math.max(0, ...series.flatMap((line) => line.values)))
  const slot = PLOT.width / Math.max(1, categories.length)
  const baseline = FRAME.top + PLOT.height
  const xOf = (index: number) => FRAME.left + slot * index + slot / 2
  return (
    <ChartFrame id={id} title={title} summary={summary} categories={categories} series={series} max={max}>
      <line x1={FRAME.left} x2={FRAME.width - FRAME.right} y1={baseline} y2={baseline} stroke="currentColor" />
      {series.map((line) => (
        <g key={line.key} className={TONES[line.tone]}>
          <polyline
            fill="none"
            stroke="currentColor"
            strokeWidth={2}
            strokeLinejoin="round"
            points={line.values.map((value, index) => `${xOf(index)},${baseline - heightOf(value, max)}`).join(" ")}
          />
          {line.values.map((value, index) => (
            <circle
              key={categories[index]}
              cx={xOf(index)}
              cy={baseline - heightOf(value, max)}
              r={3}
              fill="currentColor"
            >
              <title>{`${categories[index]} · ${line.label}: ${value.toLocaleString()}`}</title>
            </circle>
          ))}
        </g>
      ))}
    </ChartFrame>
  )
}
