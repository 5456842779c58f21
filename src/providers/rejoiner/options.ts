import { z } from "@medusajs/framework/zod"
import { commonPlatformOptionsSchema } from "../../provider-api/types"

/** How an order's cart conversion is mapped onto Rejoiner's `/customer/convert/` body. */
export const conversionMappingSchema = z.object({
  product_id_source: z
    .enum(["sku", "product_id", "variant_id"])
    .default("sku")
    .describe(
      "what Rejoiner's `product_id` is: the variant SKU (else the product id), the product id, or the variant id"
    ),
  cart_data_metadata: z
    .record(z.string(), z.string())
    .default({})
    .describe("extra `cart_data` fields: Rejoiner field name -> order metadata key (sent as strings)"),
  cart_item_metadata: z
    .record(z.string(), z.string())
    .default({})
    .describe("extra `cart_items` fields: Rejoiner field name -> product metadata key (sent as strings)"),
})
export type ConversionMapping = z.infer<typeof conversionMappingSchema>

export const rejoinerOptionsSchema = commonPlatformOptionsSchema.extend({
  api_url: z
    .string()
    .url()
    .describe(
      "the REST API v1 base up to and including the site id, e.g. https://rj2.rejoiner.com/api/v1/{SITE_ID}; calls go to `{api_url}/customer/convert/` etc. (trailing slash kept)"
    ),
  api_key: z.string().min(1).describe("sent as `Authorization: Rejoiner {api_key}`"),
  sync_profiles: z
    .boolean()
    .default(true)
    .describe("keep a Rejoiner customer profile for every customer (create, then update what changed)"),
  consent_purpose: z
    .string()
    .min(1)
    .default("email_marketing")
    .describe("the consent purpose whose withdrawal unsubscribes the customer and whose grant records an opt-in"),
  customer_tags: z
    .array(z.string().min(1))
    .default([])
    .describe("tags put on every customer profile the plugin creates or updates"),
  cancel_journeys_on_order_cancel: z
    .boolean()
    .default(true)
    .describe("stop the customer's journeys (`/customer/cancel/`) when an order of theirs is canceled"),
  conversions: conversionMappingSchema.prefault({}).describe("how placed orders are sent as cart conversions"),
})
export type RejoinerOptions = z.infer<typeof rejoinerOptionsSchema>
