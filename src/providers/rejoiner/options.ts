import { z } from "@medusajs/framework/zod"
import { commonPlatformOptionsSchema } from "../types"

export const rejoinerOptionsSchema = commonPlatformOptionsSchema.extend({
  /** the REST API v1 base up to and including the site id, e.g. https://rj2.rejoiner.com/api/v1/{SITE_ID} */
  api_url: z.string().url(),
  api_key: z.string().min(1),
})
export type RejoinerOptions = z.infer<typeof rejoinerOptionsSchema>
