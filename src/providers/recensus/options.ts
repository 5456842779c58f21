import { z } from "@medusajs/framework/zod"
import { commonPlatformOptionsSchema } from "../../modules/engagement/provider-api/types"

export const recensusOptionsSchema = commonPlatformOptionsSchema.extend({
  /** the part before `/merchant/{MERCHANTID}/customer-contact-request` */
  api_url: z.string().url(),
  merchant_id: z.string().min(1),
  token: z.string().min(1),
  shared_secret: z.string().min(1),
})
export type RecensusOptions = z.infer<typeof recensusOptionsSchema>
