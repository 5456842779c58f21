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

/**
 * The Engagement page: platform health, the delivery log, review requests, the loyalty programme
 * (the last three with their charts) and the settings of both (why here and not in Medusa's Settings area: settings-section.tsx).
 */
const EngagementPage = () => (
  <Tabs defaultValue="platforms">
    <Tabs.List>
      <Tabs.Trigger value="platforms">Platforms</Tabs.Trigger>
      <Tabs.Trigger value="deliveries">Delivery log</Tabs.Trigger>
      <Tabs.Trigger value="review-requests">Review requests</Tabs.Trigger>
      <Tabs.Trigger value="loyalty">Loyalty programme</Tabs.Trigger>
      <Tabs.Trigger value="settings">Settings</Tabs.Trigger>
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

export const config = defineRouteConfig({
  label: "Engagement",
  icon: ChatBubbleLeftRight,
})

export default EngagementPage
