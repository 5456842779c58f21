import { z } from "@medusajs/framework/zod"
import { commonPlatformOptionsSchema } from "../../provider-api/types"

/** A consent state as CRM.COM spells it (its API documents ACCEPTED and PENDING); null: not sent for that value. */
const consentState = z
  .string()
  .regex(/^[A-Z_]+$/, "an upper-case CRM.COM consent state such as ACCEPTED or PENDING")
  .nullable()

export const crmComOptionsSchema = commonPlatformOptionsSchema.extend({
  api_url: z
    .string()
    .url()
    .describe("the part before `/contacts/register`, e.g. https://sandbox.crm.com/self-service/v1"),
  api_key: z.string().min(1).describe("the publishable key sent as the `api_key` header on every call"),
  validation_required: z
    .boolean()
    .default(false)
    .describe(
      "`identity.validation_required` of an EMAIL registration that does not set it: must the email be verified"
    ),
  encryption_key: z
    .string()
    .min(16, "at least 16 characters: it seals the contacts' CRM.COM passwords and tokens")
    .describe(
      "**required**, no default (≥ 16 characters): seals each contact's generated CRM.COM password and tokens at rest (AES-256-GCM: the sync state's credentials and the outbox payloads). Changing it makes the stored credentials unreadable: those contacts stop with a clear error until their CRM.COM sync is reset"
    ),
  email_opt_out_purpose: z
    .string()
    .min(1)
    .nullable()
    .default("email_marketing")
    .describe(
      "the consent purpose whose value (anything but True opts out) is sent as `email_opt_out`; null: never sent"
    ),
  sms_opt_out_purpose: z
    .string()
    .min(1)
    .nullable()
    .default("sms_marketing")
    .describe(
      "the consent purpose whose value (anything but True opts out) is sent as `sms_opt_out`; null: never sent"
    ),
  consent_purpose: z
    .string()
    .min(1)
    .nullable()
    .default("email_marketing")
    .describe(
      "the consent purpose sent as the contact's `consent_state` (`PUT /contacts/{id}/consents`); null: never sent"
    ),
  /** the `consent_state` each value of `consent_purpose` is sent as */
  consent_states: z
    .object({
      True: consentState.default("ACCEPTED").describe("the `consent_state` sent for `True`"),
      AwaitingConfirmation: consentState
        .default("PENDING")
        .describe("the `consent_state` sent for `AwaitingConfirmation`"),
      False: consentState
        .default("REJECTED")
        .describe("the `consent_state` sent for `False` (CRM.COM's API documents only ACCEPTED and PENDING)"),
    })
    .strict()
    .prefault({}),
})
export type CrmComOptions = z.infer<typeof crmComOptionsSchema>
