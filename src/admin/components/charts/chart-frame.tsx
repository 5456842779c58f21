import { Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { compact, FRAME, PLOT, Series, shortLabel, ticksUpTo, TONES } from "./scale"

interface FrameProps {
  /** names the chart for the end-to-end suite and the hidden table (`data-chart`) */
  id: string
  title: string
  /** what the chart shows in a sentence, read out with the chart */
  summary: string
  categories: string[]
  series: Series[]
  max: number
  children: ReactNode
}

/**
 * A chart's shared parts: the title, the SVG with its <title> and label, the value axis with its
 * grid, the category labels, the legend, and the numbers as a visually hidden table (what a screen
 * reader reads, and what the browser suite checks).
 */
export const ChartFrame = ({ id, title, summary, categories, series, max, children }: FrameProps) => {
  const slot = PLOT.width / Math.max(1, categories.length)
  return (
    <figure className="flex flex-col gap-y-2" data-chart={id}>
      <Text size="small" weight="plus" as="span">
        {title}
      </Text>
      <svg
        viewBox={`0 0 ${FRAME.width} ${FRAME.height}`}
        className="text-ui-fg-subtle h-auto w-full"
        role="img"
        aria-label={`${title}: ${summary}`}
      >
        <title>{`${title}: ${summary}`}</title>
        {ticksUpTo(max).map((tick) => {
          const y = FRAME.top + PLOT.height - (tick / max) * PLOT.height
          return (
            <g key={tick} aria-hidden="true">
              <line
                x1={FRAME.left}
                x2={FRAME.width - FRAME.right}
                y1={y}
                y2={y}
                stroke="currentColor"
                strokeOpacity={0.2}
              />
              <text x={FRAME.left - 6} y={y + 4} textAnchor="end" fontSize={11} fill="currentColor">
                {compact(tick)}
              </text>
            </g>
          )
        })}
        {categories.map((category, index) => (
          <text
            key={category}
            aria-hidden="true"
            x={FRAME.left + slot * index + slot / 2}
            y={FRAME.height - FRAME.bottom + 16}
            textAnchor="middle"
            fontSize={11}
            fill="currentColor"
          >
            {shortLabel(category, slot)}
          </text>
        ))}
        {children}
      </svg>
      <div className="flex flex-wrap gap-x-4 gap-y-1" aria-hidden="true">
        {series.map((line) => (
          <span key={line.key} className="flex items-center gap-x-1.5">
            <svg viewBox="0 0 10 10" className={`${TONES[line.tone]} h-2.5 w-2.5`}>
              <rect width={10} height={10} rx={2} fill="currentColor" />
            </svg>
            <Text size="xsmall" className="text-ui-fg-subtle" as="span">
              {line.label}
            </Text>
          </span>
        ))}
      </div>
      <table className="sr-only" data-chart-table={id}>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col"> </th>
            {series.map((line) => (
              <th scope="col" key={line.key}>
                {line.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {categories.map((category, index) => (
            <tr key={category} data-category={category}>
              <th scope="row">{category}</th>
              {series.map((line) => (
                <td key={line.key} data-series={line.key}>
                  {line.values[index]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}
