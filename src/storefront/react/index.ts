"use client"
/**
 * `medusa-plugin-engagement/storefront/react`: client components and hooks for the plugin's store
 * routes (React 18 and 19, no CSS: style them through `className` and the `data-engagement` /
 * `data-part` attributes). Put `<EngagementProvider sdk={sdk}>` above them.
 */
export { EngagementProvider, useEngagement, type EngagementContextValue } from "./context"
export * from "./hooks"
export { formatDate, formatMoney, formatPoints, pointsValue, boundedPoints } from "./format"
export { LoyaltyCreditLine, CartEarnLine, type LoyaltyCreditLineProps, type CartEarnLineProps } from "./loyalty-lines"
export { LoyaltyBalance, type LoyaltyBalanceProps } from "./loyalty-balance"
export { RedeemPoints, type RedeemPointsProps } from "./redeem-points"
export { CheckoutConsents, type CheckoutConsentOption, type CheckoutConsentsProps } from "./checkout-consents"
export { ReferralCard, addressesIn, type ReferralCardProps } from "./referral-card"
export { RewardSchemes, type RewardSchemesProps } from "./reward-schemes"
export { LoyaltyHistory, groupByOrder, type LoyaltyHistoryGroup, type LoyaltyHistoryProps } from "./loyalty-history"
