import { z } from "@medusajs/framework/zod"

/** Only what a shopper may change; the seed's limits (names 256, phone 20 without spaces). */
export const StoreUpdateProfile = z
  .object({
    first_name: z.string().trim().min(1).max(256).optional(),
    last_name: z.string().trim().min(1).max(256).optional(),
    phone: z
      .string()
      .transform((value) => value.replace(/\s+/g, ""))
      .pipe(z.string().regex(/^\+?[0-9]{3,20}$/, "phone: digits, optionally after +, at most 20 (spaces are removed)"))
      .optional(),
    date_of_birth: z.iso.date().optional(),
    gender: z.enum(["Male", "Female", "NotSpecified"]).optional(),
    custom_attributes: z.record(z.string().min(1).max(256), z.string().max(2000)).optional(),
  })
  .strict()
export type StoreUpdateProfileType = z.infer<typeof StoreUpdateProfile>
