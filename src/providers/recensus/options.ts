import { z } from "@medusajs/framework/zod"
import { commonPlatformOptionsSchema } from "../../provider-api/types"

export const recensusOptionsSchema = commonPlatformOptionsSchema.extend({
  api_url: z.string().url().describe("the part before `/merchant/{MERCHANTID}/customer-contact-request`"),
  merchant_id: z.string().min(1).describe("the Recensus merchant id (`{MERCHANTID}` of the path)"),
  token: z.string().min(1).describe("the API token, sent in `signedRequest.token`"),
  shared_secret: z
    .string()
    .min(1)
    .describe("the secret of the request's MD5 signature (verb + full URL + secret), never sent itself"),
})
export type RecensusOptions = z.infer<typeof recensusOptionsSchema>
