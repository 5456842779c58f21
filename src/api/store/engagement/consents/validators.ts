import { z } from "@medusajs/framework/zod"
import { CONSENT_VALUES } from "../../../../modules/engagement/types"
import { text } from "../../../utils/validation"

export const StoreUpdateConsents = z
  .object({
    consents: z
      .array(
        z
          .object({
            purpose: text({ min: 1, max: 64 }),
            value: z.enum(CONSENT_VALUES),
            /** the wording or version of the text the shopper saw */
            wording: text({ max: 2000 }).optional(),
            /** free-form proof, kept as strings (as marketing platforms' opt-ins allow) */
            info: z.record(text({ min: 1, max: 64 }), text({ max: 500 })).optional(),
          })
          .strict()
      )
      .min(1)
      .max(20),
  })
  .strict()
export type StoreUpdateConsentsType = z.infer<typeof StoreUpdateConsents>

const token = text({ min: 1, max: 2000 })

export const StoreConsentLinkBody = z.object({ token }).strict()
export type StoreConsentLinkBodyType = z.infer<typeof StoreConsentLinkBody>

/** A link's token may come in the query string (one-click POST, GET) instead of the body. */
export const ConsentLinkQuery = z.object({ token: token.optional() }).strict()

/** The body of a link's POST: empty, the token, or RFC 8058's one-click form field. */
export const ConsentLinkBody = z
  .object({ token: token.optional(), "List-Unsubscribe": z.literal("One-Click").optional() })
  .strict()
