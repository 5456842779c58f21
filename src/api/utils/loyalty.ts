import type { MedusaContainer } from "@medusajs/framework/types"
import type LoyaltyModuleService from "../../modules/loyalty/service"
import { LOYALTY_MODULE } from "../../modules/loyalty/types"

/** The module, for routes that only read. */
export function loyaltyOf(scope: MedusaContainer): LoyaltyModuleService {
  return scope.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
}
