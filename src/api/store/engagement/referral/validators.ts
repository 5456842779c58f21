import { z } from "@medusajs/framework/zod"
import { NoQuery, storable, text } from "../../../utils/validation"

export const StoreGetReferralParams = NoQuery

export const StoreClaimReferral = z
  .object({
    code: text({ min: 1, max: 64 }).regex(
      /^[A-Za-z0-9]+$/,
      "must be letters and digits only, e.g. K7P2QX9M (upper or lower case)"
    ),
  })
  .strict()
export type StoreClaimReferralType = z.infer<typeof StoreClaimReferral>

export const StoreSendReferralInvitations = z
  .object({
    emails: z
      .array(storable(z.string().email("must be an email address").max(254)))
      .min(1)
      .max(10),
  })
  .strict()
export type StoreSendReferralInvitationsType = z.infer<typeof StoreSendReferralInvitations>
