import { applied, callOf, contactFixture, emptyState, ended } from "../contact-sync/__tests__/fixtures"
import { expertSenderContactSync } from "./contact-sync"
import { expertSenderOptionsSchema } from "./options"

const options = expertSenderOptionsSchema.parse({
  api_url: "https://api.ecdp.app",
  api_key: "k",
  consent_ids: { email_marketing: 7 },
})
const context = {
  purposes: { email_marketing: { channel: "email" as const }, sms_marketing: { channel: "sms" as const } },
}
const consent = (value: "True" | "False") => ({
  value,
  source: "storefront",
  recorded_at: "2026-01-01T00:00:00.000Z",
  wording: null,
  info: null,
})

describe("ExpertSender contact sync", () => {
  it("sends the API's customer object with statistics as string attributes and mapped consents", () => {
    const contact = contactFixture({
      custom_attributes: { tier: "gold" },
      consents: { email_marketing: consent("True"), sms_marketing: consent("True") },
    })
    const call = callOf(expertSenderContactSync.plan(contact, emptyState(), options, context))
    expect(call.payload).toEqual({
      mode: "AddOrUpdate",
      matchBy: "Email",
      data: [
        {
          email: "ada@example.com",
          phone: "+441234567",
          firstName: "Ada",
          lastName: "Lovelace",
          dateOfBirth: "1815-12-10T00:00:00.000Z",
          gender: "Female",
          customAttributes: [
            { name: "order_count", value: "2" },
            { name: "total_spent", value: "59.97" },
            { name: "tier", value: "gold" },
          ],
          // sms_marketing has no ExpertSender consent id: not sent
          consentsData: { consents: [{ id: 7, value: "True" }] },
        },
      ],
    })
  })

  it("then sends only the identifying field and what changed, and nothing when nothing did", () => {
    const contact = contactFixture({ consents: { email_marketing: consent("True") } })
    const first = callOf(expertSenderContactSync.plan(contact, emptyState(), options, context))
    const state = applied(
      emptyState(),
      ended(first),
      expertSenderContactSync.settle(ended(first), emptyState(), options)
    )
    expect(expertSenderContactSync.plan(contact, state, options, context)).toEqual({ kind: "done" })

    const withdrawn = contactFixture({
      statistics: { order_count: "3", total_spent: "59.97" },
      consents: { email_marketing: consent("False") },
    })
    expect(callOf(expertSenderContactSync.plan(withdrawn, state, options, context)).payload.data).toEqual([
      {
        email: "ada@example.com",
        customAttributes: [{ name: "order_count", value: "3" }],
        consentsData: { consents: [{ id: 7, value: "False" }] },
      },
    ])
  })

  it("keeps to the API's limits and needs the field it matches by", () => {
    const long = contactFixture({ first_name: "A".repeat(300), phone: "+44 1234 5678 9012 3456 7890" })
    const data = callOf(expertSenderContactSync.plan(long, emptyState(), options, context)).payload.data as Record<
      string,
      unknown
    >[]
    expect((data[0].firstName as string).length).toBe(256)
    expect(data[0].phone).toBeUndefined()
    expect(
      expertSenderContactSync.plan(contactFixture({ email: "not an email" }), emptyState(), options, context)
    ).toEqual(expect.objectContaining({ kind: "blocked", status: "error" }))
    const byPhone = expertSenderOptionsSchema.parse({
      api_url: "https://api.ecdp.app",
      api_key: "k",
      match_by: "PhoneNumber",
    })
    expect(expertSenderContactSync.plan(contactFixture({ phone: null }), emptyState(), byPhone, context)).toEqual(
      expect.objectContaining({ kind: "blocked", status: "error" })
    )
  })

  it("merges several contacts' calls into one request", () => {
    const a = callOf(expertSenderContactSync.plan(contactFixture(), emptyState(), options, context))
    const b = callOf(
      expertSenderContactSync.plan(contactFixture({ email: "alan@example.com" }), emptyState(), options, context)
    )
    const merged = expertSenderContactSync.batch!.merge([a.payload, b.payload])
    expect(merged.mode).toBe("AddOrUpdate")
    expect((merged.data as { email: string }[]).map((customer) => customer.email)).toEqual([
      "ada@example.com",
      "alan@example.com",
    ])
    expect(expertSenderContactSync.batch!.size(options)).toBe(100)
  })
})
