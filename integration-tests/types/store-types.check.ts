/**
 * Type-level check (run by `npm run typecheck` through tsconfig.check.json, never executed): the
 * request types storefronts import from `medusa-plugin-engagement/types` are exactly what the
 * store routes' validators accept. A field added, renamed or retyped on one side fails here.
 * (The response types are checked in the handlers themselves: `MedusaResponse<Sent<…>>`.)
 */
import type { z } from "@medusajs/framework/zod"
import type { StoreApplyLoyaltyPoints } from "../../src/api/store/carts/validators"
import type { StoreConsentLinkBody, StoreUpdateConsents } from "../../src/api/store/engagement/consents/validators"
import type { StoreGetLoyaltyTransactionsParams } from "../../src/api/store/engagement/loyalty/validators"
import type { StoreUpdateProfile } from "../../src/api/store/engagement/profile/validators"
import type { StoreGetPromotionsParams } from "../../src/api/store/engagement/promotions/validators"
import type { StoreGetPurchasesParams } from "../../src/api/store/engagement/purchases/validators"
import type {
  StoreClaimReferral,
  StoreSendReferralInvitations,
} from "../../src/api/store/engagement/referral/validators"
import type {
  StoreSignUpRewardScheme,
  StoreVerifyRewardScheme,
} from "../../src/api/store/engagement/reward-schemes/validators"
import type * as Store from "../../src/types/store"

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
type Assert<T extends true> = T

export type StoreRequestTypesMatchValidators = [
  Assert<Same<z.input<typeof StoreUpdateProfile>, Store.StoreUpdateEngagementProfile>>,
  Assert<Same<z.input<typeof StoreUpdateConsents>, Store.StoreUpdateEngagementConsents>>,
  Assert<Same<z.input<typeof StoreConsentLinkBody>, Store.StoreEngagementConsentLink>>,
  Assert<Same<z.input<typeof StoreApplyLoyaltyPoints>, Store.StoreApplyEngagementLoyaltyPoints>>,
  Assert<Same<z.input<typeof StoreClaimReferral>, Store.StoreClaimEngagementReferral>>,
  Assert<Same<z.input<typeof StoreSendReferralInvitations>, Store.StoreSendEngagementReferralInvitations>>,
  Assert<Same<z.input<typeof StoreSignUpRewardScheme>, Store.StoreSignUpEngagementRewardScheme>>,
  Assert<Same<z.input<typeof StoreVerifyRewardScheme>, Store.StoreVerifyEngagementRewardScheme>>,
  Assert<Same<z.input<typeof StoreGetPromotionsParams>, Store.StoreEngagementPromotionsParams>>,
  // query strings arrive as text: the storefront's numbers are what the validators' output holds
  Assert<
    Same<
      Pick<z.output<typeof StoreGetPurchasesParams>, "limit" | "offset">,
      Required<Store.StoreEngagementPurchasesParams>
    >
  >,
  Assert<
    Same<
      Pick<z.output<typeof StoreGetLoyaltyTransactionsParams>, "type">,
      Pick<Store.StoreEngagementLoyaltyTransactionsParams, "type">
    >
  >,
]
