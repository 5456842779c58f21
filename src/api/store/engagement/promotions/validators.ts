import { z } from "@medusajs/framework/zod"
import { SHOPPER_PROMOTION_CHANNELS } from "../../../../provider-api/capabilities"

/** `type`: the redemption channel (ECOM, POS, OTHER); the store's default (ECOM) when left out. */
export const StoreGetPromotionsParams = z.object({ type: z.enum(SHOPPER_PROMOTION_CHANNELS).optional() }).strict()
export type StoreGetPromotionsParamsType = z.infer<typeof StoreGetPromotionsParams>
