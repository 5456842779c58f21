import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ChatBubbleLeftRight } from "@medusajs/icons"
import { Tabs } from "@medusajs/ui"
import { LoyaltyCharts } from "../../components/engagement-page/loyalty-charts"
import { PlatformCharts } from "../../components/engagement-page/platform-charts"
import { ReviewRequestCharts } from "../../components/engagement-page/review-request-charts"
import { DeliveryLogSection } from "../../components/engagement-page/delivery-log-section"
import { LoyaltyProgrammeSection } from "../../components/engagement-page/loyalty-programme-section"
import { PlatformsSection } from "../../components/engagement-page/platforms-section"
import { ReviewRequestsSection } from "../../components/engagement-page/review-requests-section"
import { SettingsSection } from "../../components/engagement-page/settings-section"
import { useUrlParams } from "../../hooks/use-url-state"

const TABS = [
  { value: "platforms", label: "Platforms" },
  { value: "deliveries", label: "Delivery log" },
  { value: "review-requests", label: "Review requests" },
  { value: "loyalty", label: "Loyalty programme" },
  { value: "settings", label: "Settings" },
]

/**
 * The Engagement page: platform health, the delivery log, review requests, the loyalty programme
 * (platforms, review requests and loyalty each with their charts) and the settings of both (why here
 * and not in Medusa's Settings area: settings-section.tsx). The open tab is `?tab=` (hooks/use-url-state.ts): a reload or a link opens it again.
 */
const EngagementPage = () => {
  const { params, write } = useUrlParams()
  const requested = params.get("tab")
  const tab = TABS.find((candidate) => candidate.value === requested)?.value ?? "platforms"
  return (
    // a tab of its own is a history entry, and starts without the filters of the last one
    <Tabs value={tab} onValueChange={(value) => write({ tab: value }, { push: true, only: true })}>
      {/* on a phone the tabs scroll sideways rather than wrap onto a second line */}
      <Tabs.List className="-mx-1 overflow-x-auto px-1 py-1 [scrollbar-width:none]">
        {TABS.map((candidate) => (
          <Tabs.Trigger key={candidate.value} value={candidate.value} className="shrink-0 whitespace-nowrap">
            {candidate.label}
          </Tabs.Trigger>
        ))}
      </Tabs.List>
      <div className="mt-4">
        <Tabs.Content value="platforms" className="flex flex-col gap-y-3">
          <PlatformsSection />
          <PlatformCharts />
        </Tabs.Content>
        <Tabs.Content value="deliveries">
          <DeliveryLogSection />
        </Tabs.Content>
        <Tabs.Content value="review-requests" className="flex flex-col gap-y-3">
          <ReviewRequestsSection />
          <ReviewRequestCharts />
        </Tabs.Content>
        <Tabs.Content value="loyalty" className="flex flex-col gap-y-3">
          <LoyaltyProgrammeSection />
          <LoyaltyCharts />
        </Tabs.Content>
        <Tabs.Content value="settings">
          <SettingsSection />
        </Tabs.Content>
      </div>
    </Tabs>
  )
}

export const config = defineRouteConfig({
  label: "Engagement",
  icon: ChatBubbleLeftRight,
})

export default EngagementPage
