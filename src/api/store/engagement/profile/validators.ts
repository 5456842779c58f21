import { z } from "@medusajs/framework/zod"
import { storableRecord, storableText } from "../../../utils/storable-text"

/** Only what a shopper may change; the platforms' limits (names 256, phone 20 without spaces). */
export const StoreUpdateProfile = z
  .object({
    first_name: storableText("first_name", 256).pipe(z.string().trim().min(1)).optional(),
    last_name: storableText("last_name", 256).pipe(z.string().trim().min(1)).optional(),
    phone: z
      .string()
      .transform((value) => value.replace(/\s+/g, ""))
      .pipe(z.string().regex(/^\+?[0-9]{3,20}$/, "phone: digits, optionally after +, at most 20 (spaces are removed)"))
      .optional(),
    /** a calendar day, YYYY-MM-DD: no time, no time zone */
    date_of_birth: z.iso.date({ error: "date_of_birth: a day of the calendar, as YYYY-MM-DD" }).optional(),
    gender: z.enum(["Male", "Female", "NotSpecified"]).optional(),
    custom_attributes: storableRecord("custom_attributes", 256, 2000).optional(),
  })
  .strict()
export type StoreUpdateProfileType = z.infer<typeof StoreUpdateProfile>
