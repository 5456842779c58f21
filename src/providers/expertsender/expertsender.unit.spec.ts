import expertSenderPlatform from "./platform"
import { expertSenderOptionsSchema } from "./options"

const options = expertSenderOptionsSchema.parse({ api_url: "https://api.ecdp.app/", api_key: "es-key" })
const message = (operation: string, payload: Record<string, unknown>) => ({
  id: "engdel_1",
  platform: "expertsender",
  operation,
  idempotency_key: "k",
  attempts: 1,
  payload,
})
const classify = (
  status: number,
  body: unknown,
  operation = "upsert_customers",
  payload: Record<string, unknown> = {}
) => expertSenderPlatform.classifyResponse!({ status, headers: {}, body }, message(operation, payload), options)

const customer = {
  email: "ada@example.com",
  firstName: "Ada",
  dateOfBirth: "1990-07-26T00:00:00.000Z",
  gender: "Female",
  customAttributes: [{ name: "tier", value: "gold" }],
  consentsData: { consents: [{ id: 3, value: "AwaitingConfirmation" }], force: false },
}

describe("expertsender platform", () => {
  it("defaults match_by to Email and batch_size to 100", () => {
    expect(options.match_by).toBe("Email")
    expect(options.batch_size).toBe(100)
    expect(expertSenderOptionsSchema.safeParse({ api_url: "x", api_key: "k" }).success).toBe(false)
  })

  it("posts the API's body to /customers with x-api-key and JSON headers", () => {
    const payload = { mode: "AddOrUpdate", matchBy: "CrmId", data: [customer] }
    expect(expertSenderPlatform.buildRequest(message("upsert_customers", payload), options)).toEqual({
      method: "POST",
      url: "https://api.ecdp.app/customers",
      headers: { "x-api-key": "es-key", "Content-Type": "application/json", Accept: "application/json" },
      body: payload,
    })
  })

  it("fills matchBy from the options when the payload has none, and refuses a bad mode or no data", () => {
    const request = expertSenderPlatform.buildRequest(
      message("upsert_customers", { mode: "Add", data: [customer] }),
      options
    )
    expect(request.body).toEqual({ mode: "Add", matchBy: "Email", data: [customer] })
    expect(() =>
      expertSenderPlatform.buildRequest(message("upsert_customers", { mode: "Upsert", data: [customer] }), options)
    ).toThrow(/mode/)
    expect(() =>
      expertSenderPlatform.buildRequest(message("upsert_customers", { mode: "Add", data: [] }), options)
    ).toThrow(/data/)
  })

  it.each([
    ["get_customer_by_id", 12, "https://api.ecdp.app/customers/id/12"],
    ["get_customer_by_email", "a+b@email.com", "https://api.ecdp.app/customers/email/a%2Bb%40email.com"],
    ["get_customer_by_phone", "123 456 789", "https://api.ecdp.app/customers/phone/123456789"],
    ["get_customer_by_crm_id", "crm/7", "https://api.ecdp.app/customers/crmId/crm%2F7"],
  ])("looks up %s with GET %s", (operation, value, url) => {
    expect(expertSenderPlatform.buildRequest(message(operation, { value }), options)).toEqual({
      method: "GET",
      url,
      headers: { "x-api-key": "es-key", Accept: "application/json" },
    })
  })

  it("refuses an unknown operation and a lookup without a value", () => {
    expect(() => expertSenderPlatform.buildRequest(message("delete_customer", {}), options)).toThrow(/no operation/)
    expect(() => expertSenderPlatform.buildRequest(message("get_customer_by_email", { value: " " }), options)).toThrow(
      /value/
    )
  })

  it("delivers a 201, fails a 400 with the problem details and a 401 naming the key, retries 5xx and 429", () => {
    expect(classify(201, null)).toEqual(expect.objectContaining({ kind: "delivered", external_id: null }))
    const bad = classify(400, {
      title: "Bad request",
      status: 400,
      detail: "invalid data",
      errors: ["email is too long"],
    })
    expect(bad.kind).toBe("failed")
    expect(bad.kind === "failed" && bad.reason).toContain("email is too long")
    const unauthorized = classify(401, { title: "Unauthorized", status: 401 })
    expect(unauthorized.kind === "failed" && unauthorized.reason).toContain("EXPERTSENDER_API_KEY")
    expect(classify(503, null).kind).toBe("retry")
    expect(classify(429, null).kind).toBe("retry")
  })

  it("keeps a found customer's body in the summary and answers a 404 lookup as not found", () => {
    const body = { status: 0, data: { email: "ada@example.com" } }
    expect(classify(200, body, "get_customer_by_email", { value: "ada@example.com" })).toEqual({
      kind: "delivered",
      external_id: null,
      summary: { status: 200, body, found: true },
    })
    expect(classify(200, body, "get_customer_by_id", { value: 12 })).toEqual(
      expect.objectContaining({ external_id: "12" })
    )
    expect(classify(404, { title: "Not Found", status: 404 }, "get_customer_by_phone", { value: "1" })).toEqual(
      expect.objectContaining({
        kind: "delivered",
        external_id: null,
        summary: expect.objectContaining({ found: false }),
      })
    )
    expect(classify(401, {}, "get_customer_by_crm_id", { value: "c" }).kind).toBe("failed")
  })
})
