import { z } from "@medusajs/framework/zod"
import { commonPlatformOptionsSchema } from "../types"

export const crmComOptionsSchema = commonPlatformOptionsSchema.extend({
  /** the part before `/contacts/register`, e.g. https://sandbox.crm.com/self-service/v1 */
  api_url: z.string().url(),
  /** the publishable key sent as the `api_key` header on every call */
  api_key: z.string().min(1),
  /** `identity.validation_required` of an EMAIL registration that does not set it: must the email be verified */
  validation_required: z.boolean().default(false),
  /** for whoever stores contact tokens at rest; the provider itself sends nothing with it */
  encryption_key: z.string().min(1).optional(),
})
export type CrmComOptions = z.infer<typeof crmComOptionsSchema>
