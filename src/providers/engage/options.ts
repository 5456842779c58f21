import { z } from "@medusajs/framework/zod"
import { SHOPPER_PROMOTION_CHANNELS, ShopperPromotionChannel } from "../../provider-api/capabilities"
import { commonPlatformOptionsSchema } from "../../provider-api/types"

/** The query parameters `GET /api/v3/contacts/id` accepts to identify a contact. */
export const ENGAGE_IDENTIFIERS = ["email", "mobilePhone", "socialSecurityNumber", "customKey", "any"] as const
export type EngageIdentifier = (typeof ENGAGE_IDENTIFIERS)[number]

/** The redemption channels `GET /api/v3/promotion-assignments` can be narrowed to. */
export const ENGAGE_PROMOTION_TYPES = SHOPPER_PROMOTION_CHANNELS
export type EngagePromotionType = ShopperPromotionChannel

export const engageOptionsSchema = commonPlatformOptionsSchema.extend({
  api_url: z.string().url().describe("the part before `/api/v3/contacts`, e.g. https://{tenant}.voyado.com"),
  api_key: z.string().min(1).describe("sent as the `apikey` header"),
  lookup_by: z
    .enum(ENGAGE_IDENTIFIERS)
    .default("email")
    .describe("the identifier a lookup uses when its payload names none"),
  contact_type_id: z
    .string()
    .min(1)
    .optional()
    .describe('the contact type upgrades move to (e.g. "Member") and bulk creation uses; else the tenant\'s default'),
  fallback_after_attempts: z
    .number()
    .int()
    .min(1)
    .max(50)
    .default(3)
    .describe(
      "attempts of a create or update before its change goes through the bulk endpoint instead (Engage's documented fallback)"
    ),
  my_pages_cache_ms: z
    .number()
    .int()
    .min(0)
    .max(3_600_000)
    .default(60_000)
    .describe(
      "how long this process keeps a shopper's promotions and purchases read for My pages, per contact, before asking Engage again (Engage asks that a reload not call it again); 0 turns the cache off"
    ),
  my_pages_promotion_type: z
    .enum(ENGAGE_PROMOTION_TYPES)
    .default("ECOM")
    .describe("the promotions My pages shows when the shopper names no type"),
})
export type EngageOptions = z.infer<typeof engageOptionsSchema>
