import { z } from "@medusajs/framework/zod"
import { NoQuery, storable } from "../../../utils/validation"

export const StoreGetRewardSchemesParams = NoQuery

export const StoreSignUpRewardScheme = z
  .object({
    /** closed-loop schemes only: an address in one of the scheme's domains */
    email: storable(z.string().email("must be an email address").max(254)).optional(),
  })
  .strict()
export type StoreSignUpRewardSchemeType = z.infer<typeof StoreSignUpRewardScheme>

/** the store's own codes are 6 digits; a platform that keeps the points sends its own (letters and digits) */
export const StoreVerifyRewardScheme = z
  .object({
    code: storable(
      z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, "must be the code sent by email: 1 to 128 letters, digits, _ or -")
    ),
  })
  .strict()
export type StoreVerifyRewardSchemeType = z.infer<typeof StoreVerifyRewardScheme>

/** The store's own verification codes. */
export const LOCAL_SCHEME_CODE = /^\d{6}$/

export const StoreSignOutRewardScheme = z.object({}).strict()
