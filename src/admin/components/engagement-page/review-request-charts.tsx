import { Container, Heading, Text } from "@medusajs/ui"
import { BarChart } from "../charts/bar-chart"
import { useReviewRequestStats } from "../../hooks/api/charts"
import { weekLabel } from "./chart-labels"
import { count } from "./format"
import { SectionState } from "./section-state"

/** The review requests of the last 12 weeks through the funnel, and why some were skipped. */
export const ReviewRequestCharts = () => {
  const { data, isLoading, error } = useReviewRequestStats()
  const total = (key: "scheduled" | "reviewed") => data?.weeks.reduce((sum, row) => sum + row[key], 0) ?? 0
  return (
    <Container className="divide-y p-0" data-section="review-request-charts">
      <div className="px-6 py-4">
        <Heading level="h2">Review requests over 12 weeks</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          By the week each request was made; reviewed: a review came and earned its points.
        </Text>
      </div>
      <SectionState isLoading={isLoading} error={error}>
        {data && (
          <div className="grid items-start gap-6 px-6 py-4 xl:grid-cols-2">
            <BarChart
              id="review-funnel"
              title="Scheduled → sent → clicked → reviewed"
              summary={`${count(total("scheduled"))} scheduled, ${count(total("reviewed"))} reviewed`}
              categories={data.weeks.map((row) => weekLabel(row.week))}
              series={[
                { key: "scheduled", label: "Scheduled", tone: "grey", values: data.weeks.map((row) => row.scheduled) },
                { key: "sent", label: "Sent", tone: "blue", values: data.weeks.map((row) => row.sent) },
                { key: "clicked", label: "Clicked", tone: "purple", values: data.weeks.map((row) => row.clicked) },
                { key: "reviewed", label: "Reviewed", tone: "green", values: data.weeks.map((row) => row.reviewed) },
              ]}
            />
            {data.skip_reasons.length ? (
              <BarChart
                id="review-skips"
                title="Skipped, by reason"
                summary={data.skip_reasons.map((row) => `${row.reason} ${row.count}`).join(", ")}
                categories={data.skip_reasons.map((row) => row.reason)}
                series={[
                  { key: "count", label: "Skipped", tone: "orange", values: data.skip_reasons.map((row) => row.count) },
                ]}
              />
            ) : (
              <Text size="small" className="text-ui-fg-subtle">
                No request skipped in these weeks.
              </Text>
            )}
          </div>
        )}
      </SectionState>
    </Container>
  )
}
