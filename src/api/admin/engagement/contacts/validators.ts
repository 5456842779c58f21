import { z } from "@medusajs/framework/zod"
import { CONTACT_LOOKUP_KEYS } from "../../../../provider-api/capabilities"
import { createBoundedFindParams } from "../../../utils/find-params"
import { identifier, NoQuery, storable, text, withinBirthDates } from "../../../utils/validation"
import { StoreUpdateConsents } from "../../../store/engagement/consents/validators"
import { defaultAdminContactFields, sortableAdminContactFields } from "./query-config"

/**
 * A date of birth is a calendar day: YYYY-MM-DD, or a date-time whose day is taken as
 * written (its time and offset say nothing about the day the person was born), between
 * 1900-01-01 and today.
 */
const DATE_OF_BIRTH = "dateOfBirth: a day of the calendar, as YYYY-MM-DD or an ISO 8601 date-time"
const dateOfBirth = withinBirthDates(
  z
    .union([z.iso.date({ error: DATE_OF_BIRTH }), z.iso.datetime({ offset: true, error: DATE_OF_BIRTH })], {
      error: DATE_OF_BIRTH,
    })
    .transform((value) => value.slice(0, 10))
)

const phone = text({ max: 64 })
  .transform((value) => value.replace(/\s+/g, ""))
  .pipe(
    z
      .string()
      .min(1, "must not be empty (a phone number, e.g. +46701234567)")
      .max(20, "at most 20 characters without spaces")
  )

/** One contact, with the customer API's field names and limits (firstName, crmId, customAttributes…). */
const ContactData = z
  .object({
    email: storable(z.string().email().max(320)).optional(),
    phone: phone.optional(),
    crmId: text({ min: 1, max: 128 }).optional(),
    firstName: text({ max: 256 }).optional(),
    lastName: text({ max: 256 }).optional(),
    dateOfBirth: dateOfBirth.optional(),
    gender: z.enum(["Male", "Female", "NotSpecified"]).optional(),
    customAttributes: z
      .array(z.object({ name: text({ min: 1, max: 256 }), value: text() }).strict())
      .max(100)
      .optional(),
  })
  .strict()

export const AdminUpsertContacts = z
  .object({
    mode: z.enum(["Add", "Update", "AddOrUpdate"]),
    matchBy: z.enum(["Email", "PhoneNumber", "CrmId"]),
    data: z.array(ContactData).min(1).max(100),
  })
  .strict()
export type AdminUpsertContactsType = z.infer<typeof AdminUpsertContacts>

export const AdminGetContactsParams = createBoundedFindParams({
  fields: defaultAdminContactFields,
  sortable: sortableAdminContactFields,
}).extend({
  email: text({ min: 1, max: 320 }).optional(),
  phone: phone.optional(),
  crm_id: identifier().optional(),
  customer_id: identifier().optional(),
})
export type AdminGetContactsParamsType = z.infer<typeof AdminGetContactsParams>

/** POST /admin/engagement/contacts/lookup: one of email or phone (the route refuses both or neither). */
export const AdminLookupContact = z
  .object({
    email: text({ min: 1, max: 320 }).optional(),
    phone: phone.optional(),
  })
  .strict()
export type AdminLookupContactType = z.infer<typeof AdminLookupContact>

/** Routes that return one contact read no query parameters. */
export const AdminGetContactParams = NoQuery

/** The admin records consents with the same shape a shopper does; the source is `admin`. */
export const AdminRecordContactConsents = StoreUpdateConsents
export type AdminRecordContactConsentsType = z.infer<typeof AdminRecordContactConsents>

/** POST /admin/engagement/contacts/:id/sync: send the contact to the platforms now. */
export const AdminSyncContact = z
  .object({
    /** only these platforms; every platform that keeps contacts by default */
    platforms: z
      .array(text({ min: 1, max: 64 }))
      .min(1)
      .max(20)
      .optional(),
    /** forget what each platform was sent (and its id) first, so everything is sent again after a lookup */
    reset: z.boolean().default(false),
  })
  .strict()
export type AdminSyncContactType = z.infer<typeof AdminSyncContact>

/** POST /admin/engagement/contacts/:id/journeys/cancel */
export const AdminCancelJourneys = z.object({ reason: text({ max: 500 }).optional() }).strict()
export type AdminCancelJourneysType = z.infer<typeof AdminCancelJourneys>

/**
 * POST /admin/engagement/contacts/:id/erase: `confirm` must repeat the customer's email (as the
 * admin types it in the prompt) or Medusa customer id (`cus_…`), so that a slip of the id in the path
 * erases no one.
 */
export const AdminEraseContact = z.object({ confirm: text({ min: 1, max: 320 }) }).strict()
export type AdminEraseContactType = z.infer<typeof AdminEraseContact>

/** GET /admin/engagement/contacts/:id/platform-copy: which of the contact's identifiers the platform is asked by. */
export const AdminPlatformCopyParams = z.object({ by: z.enum(CONTACT_LOOKUP_KEYS).default("email") }).strict()
export type AdminPlatformCopyParamsType = z.infer<typeof AdminPlatformCopyParams>
