import engagePlatform, { onlyChanges } from "./platform"
import { engageOptionsSchema } from "./options"

const base = { api_url: "https://shop.voyado.com", api_key: "vy-key" }
const options = engageOptionsSchema.parse(base)
const member = engageOptionsSchema.parse({ ...base, contact_type_id: "Member" })
const message = (operation: string, payload: Record<string, unknown>) => ({
  id: "engdel_1",
  platform: "engage",
  operation,
  idempotency_key: "k",
  attempts: 1,
  payload,
})
const read = { apikey: "vy-key", Accept: "application/json" }
const write = { ...read, "Content-Type": "application/json" }
const classify = (status: number, body: unknown, operation: string, payload: Record<string, unknown> = {}) =>
  engagePlatform.classifyResponse!({ status, headers: {}, body }, message(operation, payload), options)

describe("engage platform", () => {
  it("looks a contact up by the identifier as a query parameter, email by default", () => {
    expect(
      engagePlatform.buildRequest(message("lookup_contact", { identifier: { value: "a+b@example.com" } }), options)
    ).toEqual({
      method: "GET",
      url: "https://shop.voyado.com/api/v3/contacts/id?email=a%2Bb%40example.com",
      headers: read,
    })
    const byPhone = engagePlatform.buildRequest(
      message("lookup_contact", { identifier: { name: "mobilePhone", value: "+46735654321" }, contact_type: "Member" }),
      options
    )
    expect(byPhone.url).toBe("https://shop.voyado.com/api/v3/contacts/id?mobilePhone=%2B46735654321&contactType=Member")
    expect(() =>
      engagePlatform.buildRequest(message("lookup_contact", { identifier: { name: "ssn", value: "1" } }), options)
    ).toThrow(/cannot look up/)
    expect(() => engagePlatform.buildRequest(message("lookup_contact", { identifier: {} }), options)).toThrow(
      /identifier.value/
    )
  })

  it("creates with POST /api/v3/contacts and the contact as body", () => {
    const contact = { email: "ada@example.com", firstName: "Ada" }
    expect(engagePlatform.buildRequest(message("create_contact", { contact }), options)).toEqual({
      method: "POST",
      url: "https://shop.voyado.com/api/v3/contacts",
      headers: write,
      body: contact,
    })
  })

  it("patches only the changes, without null or empty values", () => {
    const request = engagePlatform.buildRequest(
      message("update_contact", {
        contact_id: "2e40b702-2767",
        changes: { lastName: "Smith", street: "", city: null, preferences: { acceptsEmail: true, acceptsSms: null } },
      }),
      options
    )
    expect(request).toEqual({
      method: "PATCH",
      url: "https://shop.voyado.com/api/v3/contacts/2e40b702-2767",
      headers: write,
      body: { lastName: "Smith", preferences: { acceptsEmail: true } },
    })
    expect(() =>
      engagePlatform.buildRequest(message("update_contact", { contact_id: "c", changes: { a: "" } }), options)
    ).toThrow(/no changes/)
    expect(() => engagePlatform.buildRequest(message("update_contact", { changes: { a: 1 } }), options)).toThrow(
      /contact_id/
    )
    expect(onlyChanges({ a: { b: { c: null } }, d: 0, e: false })).toEqual({ d: 0, e: false })
  })

  it("upgrades the contact type with no body, from the payload or the configured type", () => {
    expect(
      engagePlatform.buildRequest(
        message("update_contact_type", { contact_id: "c1", contact_type_id: "Member" }),
        options
      )
    ).toEqual({
      method: "POST",
      url: "https://shop.voyado.com/api/v3/contacts/c1/updateContactType?contactTypeId=Member",
      headers: read,
    })
    expect(engagePlatform.buildRequest(message("update_contact_type", { contact_id: "c1" }), member).url).toBe(
      "https://shop.voyado.com/api/v3/contacts/c1/updateContactType?contactTypeId=Member"
    )
    expect(() => engagePlatform.buildRequest(message("update_contact_type", { contact_id: "c1" }), options)).toThrow(
      /contact_type_id/
    )
  })

  it("sends the bulk fallbacks as arrays: POST to create, PATCH (changes only) to update", () => {
    const contacts = [{ email: "a@example.com", firstName: "A" }]
    expect(engagePlatform.buildRequest(message("bulk_create", { contacts }), options)).toEqual({
      method: "POST",
      url: "https://shop.voyado.com/api/v3/contacts/bulk",
      headers: write,
      body: contacts,
    })
    expect(engagePlatform.buildRequest(message("bulk_create", { contacts }), member).url).toBe(
      "https://shop.voyado.com/api/v3/contacts/bulk?contactType=Member"
    )
    expect(
      engagePlatform.buildRequest(
        message("bulk_update", { contacts: [{ id: "c1", lastName: "B", city: "" }] }),
        options
      )
    ).toEqual({
      method: "PATCH",
      url: "https://shop.voyado.com/api/v3/contacts/bulk",
      headers: write,
      body: [{ id: "c1", lastName: "B" }],
    })
    expect(() => engagePlatform.buildRequest(message("bulk_update", { contacts: [] }), options)).toThrow(/1 to 4000/)
    expect(() => engagePlatform.buildRequest(message("delete_contact", {}), options)).toThrow(/no operation/)
  })

  it("keeps the id a lookup returns, bare or in an object, and answers 404 as not found", () => {
    const lookup = { identifier: { value: "ada@example.com" } }
    expect(classify(200, "2e40b702-2767-4abe-ae99-aa510108e22b", "lookup_contact", lookup)).toEqual(
      expect.objectContaining({ kind: "delivered", external_id: "2e40b702-2767-4abe-ae99-aa510108e22b" })
    )
    expect(classify(200, { id: "c9" }, "lookup_contact", lookup)).toEqual(
      expect.objectContaining({ external_id: "c9" })
    )
    expect(classify(404, { errorCode: "ContactNotFound" }, "lookup_contact", lookup)).toEqual({
      kind: "delivered",
      external_id: null,
      summary: { status: 404, body: { errorCode: "ContactNotFound" }, found: false },
    })
  })

  it("fails a lookup with several matches (409) naming the conflict", () => {
    const outcome = classify(409, { errorCode: "MultipleMatches" }, "lookup_contact", { identifier: { value: "x" } })
    expect(outcome.kind).toBe("failed")
    expect(outcome.kind === "failed" && outcome.reason).toMatch(/conflict/)
  })

  it("keeps the created contact id, accepts 200/202 updates, fails a 404 update as contact not found, retries 5xx", () => {
    expect(classify(201, { id: "new-1", email: "a@example.com" }, "create_contact")).toEqual(
      expect.objectContaining({ kind: "delivered", external_id: "new-1" })
    )
    expect(classify(200, { id: "c1" }, "update_contact").kind).toBe("delivered")
    expect(classify(202, null, "update_contact").kind).toBe("delivered")
    expect(classify(202, { batchId: "b1" }, "bulk_update")).toEqual(expect.objectContaining({ external_id: "b1" }))
    const missing = classify(404, null, "update_contact")
    expect(missing.kind === "failed" && missing.reason).toMatch(/^contact not found/)
    expect(classify(400, { errorCode: "InvalidEmailAddress" }, "create_contact").kind).toBe("failed")
    expect(classify(500, null, "create_contact").kind).toBe("retry")
  })
})
