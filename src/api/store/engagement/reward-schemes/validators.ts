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

export const StoreVerifyRewardScheme = z
  .object({
    code: storable(z.string().regex(/^\d{6}$/, "must be the 6 digits sent by email")),
  })
  .strict()
export type StoreVerifyRewardSchemeType = z.infer<typeof StoreVerifyRewardScheme>

export const StoreSignOutRewardScheme = z.object({}).strict()
