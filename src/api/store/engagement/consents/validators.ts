import { z } from "@medusajs/framework/zod"
import { CONSENT_VALUES } from "../../../../modules/engagement/types"

export const StoreUpdateConsents = z
  .object({
    consents: z
      .array(
        z
          .object({
            purpose: z.string().min(1).max(64),
            value: z.enum(CONSENT_VALUES),
            /** the wording or version of the text the shopper saw */
            wording: z.string().max(2000).optional(),
            /** free-form proof, kept as strings (as Rejoiner's opt-in allows) */
            info: z.record(z.string().max(64), z.string().max(500)).optional(),
          })
          .strict()
      )
      .min(1)
      .max(20),
  })
  .strict()
export type StoreUpdateConsentsType = z.infer<typeof StoreUpdateConsents>

export const StoreConsentLinkBody = z.object({ token: z.string().min(1).max(2000) }).strict()
export type StoreConsentLinkBodyType = z.infer<typeof StoreConsentLinkBody>

export const ConsentLinkQuery = z.object({ token: z.string().min(1).max(2000).optional() })
