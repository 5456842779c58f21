import { consent, contactOf, options } from "./__tests__/harness"
import { consentStateOf, crmComBody, crmComFieldsOf, dateOfBirthOf } from "./contact-sync"
import { crmComOptionsSchema } from "./options"
import type { SnapshotConsent } from "../../provider-api/types"

describe("CRM.COM contact mapping", () => {
  it("names the fields as PUT /contacts/{id} does, with the date of birth as numbers", () => {
    const contact = contactOf({
      date_of_birth: "1815-12-10",
      consents: { email_marketing: consent("True"), sms_marketing: consent("AwaitingConfirmation") },
    })
    expect(crmComFieldsOf(contact, options)).toEqual({
      first_name: "Ada",
      last_name: "Lovelace",
      email_address: "ada@example.com",
      "demographics.date_of_birth": { year: 1815, month: 12, day: 10 },
      email_opt_out: false,
      sms_opt_out: true,
    })
    expect(crmComBody({ first_name: "Ada", "demographics.date_of_birth": { year: 1815, month: 12, day: 10 } })).toEqual(
      {
        first_name: "Ada",
        demographics: { date_of_birth: { year: 1815, month: 12, day: 10 } },
      }
    )
    expect(dateOfBirthOf("2001-02-03")).toEqual({ year: 2001, month: 2, day: 3 })
    expect(dateOfBirthOf("03/02/2001")).toBeNull()
  })

  it("sends opt-outs only for recorded consents, and the consent state through the configured map", () => {
    const none = contactOf()
    expect(crmComFieldsOf(none, options)).not.toHaveProperty("email_opt_out")
    expect(crmComFieldsOf(none, options)).not.toHaveProperty("sms_opt_out")
    expect(consentStateOf(none, options)).toBeNull()
    const states = (value: SnapshotConsent["value"], opts = options) =>
      consentStateOf(contactOf({ consents: { email_marketing: consent(value) } }), opts)
    expect([states("True"), states("AwaitingConfirmation"), states("False")]).toEqual([
      "ACCEPTED",
      "PENDING",
      "REJECTED",
    ])
    expect(crmComFieldsOf(contactOf({ consents: { email_marketing: consent("False") } }), options).email_opt_out).toBe(
      true
    )

    const custom = crmComOptionsSchema.parse({
      ...options,
      consent_purpose: "newsletter",
      consent_states: { False: null },
      email_opt_out_purpose: "newsletter",
      sms_opt_out_purpose: null,
    })
    const contact = contactOf({
      consents: { newsletter: consent("False"), email_marketing: consent("True"), sms_marketing: consent("True") },
    })
    expect(consentStateOf(contact, custom)).toBeNull()
    expect(consentStateOf(contactOf({ consents: { newsletter: consent("True") } }), custom)).toBe("ACCEPTED")
    expect(crmComFieldsOf(contact, custom)).toEqual(expect.objectContaining({ email_opt_out: true }))
    expect(crmComFieldsOf(contact, custom)).not.toHaveProperty("sms_opt_out")
    expect(consentStateOf(contact, { ...options, consent_purpose: null })).toBeNull()
  })
})
