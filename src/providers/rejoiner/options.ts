import { z } from "@medusajs/framework/zod"
import { commonPlatformOptionsSchema } from "../types"

export const rejoinerOptionsSchema = commonPlatformOptionsSchema.extend({
  /** the REST API v1 base up to and including the site id, e.g. https://rj2.rejoiner.com/api/v1/{SITE_ID} */
  api_url: z.string().url(),
  api_key: z.string().min(1),
  /** keep a Rejoiner customer profile for every customer (create, then update what changed) */
  sync_profiles: z.boolean().default(true),
  /** the consent purpose whose withdrawal unsubscribes the customer and whose grant records an opt-in */
  consent_purpose: z.string().min(1).default("email_marketing"),
  /** tags put on every customer profile the plugin creates or updates */
  customer_tags: z.array(z.string().min(1)).default([]),
  /** stop the customer's journeys (`/customer/cancel/`) when an order of theirs is canceled */
  cancel_journeys_on_order_cancel: z.boolean().default(true),
})
export type RejoinerOptions = z.infer<typeof rejoinerOptionsSchema>
