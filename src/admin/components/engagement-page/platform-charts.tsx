import { Button, Container, Heading } from "@medusajs/ui"
import { useState } from "react"
import { BarChart } from "../charts/bar-chart"
import { usePlatformStats } from "../../hooks/api/charts"
import type { DeliveryWindow } from "../../lib/chart-types"
import { count } from "./format"
import { SectionState } from "./section-state"

const WINDOWS: { value: DeliveryWindow; label: string }[] = [
  { value: "24h", label: "Last 24 hours" },
  { value: "7d", label: "Last 7 days" },
]

/** Each platform's deliveries by outcome over the last 24 hours or 7 days. */
export const PlatformCharts = () => {
  const [span, setSpan] = useState<DeliveryWindow>("24h")
  const { data, isLoading, error } = usePlatformStats(span)
  const label = WINDOWS.find((option) => option.value === span)!.label
  const platforms = data?.platforms ?? []
  return (
    <Container className="divide-y p-0" data-section="platform-charts">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Deliveries per platform</Heading>
        <div className="flex gap-x-1" role="group" aria-label="Window">
          {WINDOWS.map((option) => (
            <Button
              key={option.value}
              size="small"
              variant={option.value === span ? "secondary" : "transparent"}
              aria-pressed={option.value === span}
              onClick={() => setSpan(option.value)}
            >
              {option.label}
            </Button>
          ))}
        </div>
      </div>
      <SectionState
        isLoading={isLoading}
        error={error}
        isEmpty={data?.platforms.length === 0}
        empty="No platform is switched on."
      >
        {/* as wide as a half-page chart: the drawing scales with its width, its labels too */}
        <div className="max-w-3xl px-6 py-4" data-window={data?.window}>
          <BarChart
            id="platform-deliveries"
            title={label}
            summary={platforms
              .map((row) => `${row.name}: ${count(row.delivered)} delivered, ${count(row.failed)} failed`)
              .join("; ")}
            categories={platforms.map((row) => row.name)}
            stacked
            series={[
              { key: "delivered", label: "Delivered", tone: "green", values: platforms.map((row) => row.delivered) },
              { key: "failed", label: "Failed or given up", tone: "red", values: platforms.map((row) => row.failed) },
              { key: "waiting", label: "Waiting", tone: "grey", values: platforms.map((row) => row.waiting) },
            ]}
          />
        </div>
      </SectionState>
    </Container>
  )
}
