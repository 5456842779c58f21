import { z } from "@medusajs/framework/zod"
import { text } from "../../../utils/validation"

/** Only what a shopper may change; the platforms' strictest limits (names 256, phone 20 without spaces). */
export const StoreUpdateProfile = z
  .object({
    first_name: text({ max: 256 }).trim().min(1).optional(),
    last_name: text({ max: 256 }).trim().min(1).optional(),
    phone: text({ max: 64 })
      .transform((value) => value.replace(/\s+/g, ""))
      .pipe(z.string().regex(/^\+?[0-9]{3,20}$/, "digits, optionally after +, at most 20 (spaces are removed)"))
      .optional(),
    /** a calendar day, YYYY-MM-DD: no time, no time zone */
    date_of_birth: z.iso.date({ error: "date_of_birth: a day of the calendar, as YYYY-MM-DD" }).optional(),
    gender: z.enum(["Male", "Female", "NotSpecified"]).optional(),
    custom_attributes: z.record(text({ min: 1, max: 256 }), text({ max: 2000 })).optional(),
  })
  .strict()
export type StoreUpdateProfileType = z.infer<typeof StoreUpdateProfile>
