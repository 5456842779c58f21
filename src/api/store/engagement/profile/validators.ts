import { z } from "@medusajs/framework/zod"
import { text, withinBirthDates } from "../../../utils/validation"

/** Only what a shopper may change; the platforms' strictest limits (names 256, phone 20 without spaces). */
export const StoreUpdateProfile = z
  .object({
    first_name: text({ max: 256 }).trim().min(1).optional(),
    last_name: text({ max: 256 }).trim().min(1).optional(),
    phone: text({ max: 64 })
      .transform((value) => value.replace(/\s+/g, ""))
      .pipe(
        z
          .string()
          .regex(
            /^\+?[0-9]{3,20}$/,
            "must be 3 to 20 digits, optionally after a + (international format, e.g. +46701234567; spaces are removed)"
          )
      )
      .optional(),
    /** a calendar day, YYYY-MM-DD: no time, no time zone; between 1900-01-01 and today */
    date_of_birth: withinBirthDates(
      z.iso.date({ error: "date_of_birth: a day of the calendar, as YYYY-MM-DD" })
    ).optional(),
    gender: z.enum(["Male", "Female", "NotSpecified"]).optional(),
    custom_attributes: z.record(text({ min: 1, max: 256 }), text({ max: 2000 })).optional(),
  })
  .strict()
export type StoreUpdateProfileType = z.infer<typeof StoreUpdateProfile>
