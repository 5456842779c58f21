import { z } from "@medusajs/framework/zod"
import { ENGAGE_PROMOTION_TYPES } from "../../../../providers/engage/options"

/** `type`: the redemption channel (ECOM, POS, OTHER); the store's default (ECOM) when left out. */
export const StoreGetPromotionsParams = z.object({ type: z.enum(ENGAGE_PROMOTION_TYPES).optional() }).strict()
export type StoreGetPromotionsParamsType = z.infer<typeof StoreGetPromotionsParams>
