import crmComPlatform, { decodeJwtPayload, decodeJwtSub } from "."
import { crmComOptionsSchema } from "./options"

const options = crmComOptionsSchema.parse({ api_url: "https://sandbox.crm.com/self-service/v1", api_key: "crm-key" })
const message = (operation: string, payload: Record<string, unknown>) => ({
  id: "engdel_1",
  platform: "crmcom",
  operation,
  idempotency_key: "k",
  attempts: 1,
  payload,
})
const app = { api_key: "crm-key", "Content-Type": "application/json", Accept: "application/json" }
const classify = (status: number, body: unknown, operation: string) =>
  crmComPlatform.classifyResponse!({ status, headers: {}, body }, message(operation, {}), options)

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url")
// the seed's own example token: sub a278d3e5-…, exp 1568554122
const SEED_TOKEN =
  "eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJhMjc4ZDNlNS05YjhlLTQzNmUtOTIzMC03MGYzZTJkZjFjYTUiLCJleHAiOjE1Njg1NTQxMjJ9.LemqPPThkqfakkKS6CdkNvV1Lnc88CWirEpHOPnWjJPQz02zgkKSwfbvrEsl3OmR2LUhDILsOXf4x-GPFmNJCg"

describe("crmcom platform", () => {
  it("decodes the sub claim without verifying, base64url included", () => {
    expect(decodeJwtSub(SEED_TOKEN)).toBe("a278d3e5-9b8e-436e-9230-70f3e2df1ca5")
    expect(decodeJwtSub(`x.${part({ sub: "ü?>>~" })}.y`)).toBe("ü?>>~")
    expect(decodeJwtSub("not-a-jwt")).toBeNull()
    expect(decodeJwtSub("a.%%%.c")).toBeNull()
    expect(decodeJwtPayload(`x.${part({ exp: 5 })}.y`)).toEqual({ exp: 5 })
  })

  it("registers with the seed's body, filling validation_required for EMAIL from the options", () => {
    const payload = {
      first_name: "John",
      last_name: "Doe",
      identity: { provider: "EMAIL", username: "johndoe@crm.com", password: "12345" },
      service_acceptance: true,
    }
    expect(crmComPlatform.buildRequest(message("register_contact", payload), options)).toEqual({
      method: "POST",
      url: "https://sandbox.crm.com/self-service/v1/contacts/register",
      headers: app,
      body: { ...payload, identity: { ...payload.identity, validation_required: false } },
    })
    const phone = { first_name: "J", last_name: "D", identity: { provider: "PHONE", phone_number: "22265577", country_code: "CYP" } }
    expect(crmComPlatform.buildRequest(message("register_contact", phone), options).body).toEqual(phone)
    expect(() => crmComPlatform.buildRequest(message("register_contact", {}), options)).toThrow(/identity.provider/)
  })

  it("authenticates and refreshes with the api_key only", () => {
    const credentials = { provider: "EMAIL", username: "johndoe@crm.com", password: "pw" }
    expect(crmComPlatform.buildRequest(message("authenticate_contact", credentials), options)).toEqual({
      method: "POST",
      url: "https://sandbox.crm.com/self-service/v1/contacts/authenticate",
      headers: app,
      body: credentials,
    })
    expect(crmComPlatform.buildRequest(message("refresh_token", { refresh_token: "r.t.s" }), options)).toEqual({
      method: "POST",
      url: "https://sandbox.crm.com/self-service/v1/contacts/refresh",
      headers: app,
      body: { refresh_token: "r.t.s" },
    })
  })

  it("updates a contact and its consent state with the contact's bearer token", () => {
    const contact = { first_name: "John", email_address: "bill@gmail.com" }
    expect(crmComPlatform.buildRequest(message("update_contact", { contact_id: "CAD1", access_token: "t.o.k", contact }), options)).toEqual({
      method: "PUT",
      url: "https://sandbox.crm.com/self-service/v1/contacts/CAD1",
      headers: { ...app, Authorization: "Bearer t.o.k" },
      body: contact,
    })
    expect(
      crmComPlatform.buildRequest(message("update_consents", { contact_id: "CAD1", access_token: "t.o.k", consent_state: "ACCEPTED" }), options)
    ).toEqual({
      method: "PUT",
      url: "https://sandbox.crm.com/self-service/v1/contacts/CAD1/consents",
      headers: { ...app, Authorization: "Bearer t.o.k" },
      body: { consent_state: "ACCEPTED" },
    })
    expect(() => crmComPlatform.buildRequest(message("update_consents", { contact_id: "CAD1", consent_state: "ACCEPTED" }), options)).toThrow(/access_token/)
    expect(() => crmComPlatform.buildRequest(message("update_contact", { access_token: "t", contact }), options)).toThrow(/contact_id/)
    expect(() => crmComPlatform.buildRequest(message("sign_out", {}), options)).toThrow(/no operation/)
  })

  it.each(["register_contact", "authenticate_contact", "refresh_token"])("keeps the token, its expiry and the contact id of %s", (operation) => {
    const exp = Math.floor(Date.now() / 1000) + 600
    const token = `${part({ alg: "HS256" })}.${part({ sub: "contact-1", exp })}.sig`
    const outcome = classify(200, { access_token: token, exp: String(exp), contact: { first_name: "John" } }, operation)
    expect(outcome).toEqual({
      kind: "delivered",
      external_id: "contact-1",
      summary: {
        status: 200,
        contact_id: "contact-1",
        access_token: token,
        refresh_token: token,
        exp,
        expires_at: new Date(exp * 1000).toISOString(),
        expires_in: expect.any(Number),
        contact: { first_name: "John" },
      },
    })
    const summary = outcome.kind === "delivered" ? outcome.summary! : {}
    expect(summary.expires_in).toBeGreaterThan(590)
  })

  it("keeps a separate refresh token when the answer has one, and the OTP of a PHONE registration", () => {
    const outcome = classify(200, { access_token: SEED_TOKEN, refresh_token: "r1" }, "authenticate_contact")
    expect(outcome.kind === "delivered" && outcome.summary).toEqual(expect.objectContaining({ refresh_token: "r1", exp: 1568554122, expires_in: 0 }))
    expect(classify(200, { obfuscated_value: "+35799***834", auth_otp: "731e" }, "register_contact")).toEqual({
      kind: "delivered",
      external_id: null,
      summary: { status: 200, otp_required: true, auth_otp: "731e", obfuscated_value: "+35799***834" },
    })
    expect(classify(200, { id: "658AB90A" }, "update_consents")).toEqual(expect.objectContaining({ kind: "delivered", external_id: "658AB90A" }))
  })

  it("puts the seed's code, message and attribute in the reason; flags a refused contact token", () => {
    const exists = classify(400, { code: "CONTACT_ALREADY_EXISTS", message: "username is taken", attribute: "username" }, "register_contact")
    expect(exists.kind).toBe("failed")
    expect(exists.kind === "failed" && exists.reason).toBe("CRM.COM answered 400: CONTACT_ALREADY_EXISTS username is taken (attribute: username)")
    const expired = classify(401, { code: "INVALID_TOKEN", message: "token expired" }, "update_contact")
    expect(expired).toEqual(expect.objectContaining({ kind: "failed", summary: expect.objectContaining({ token_rejected: true }) }))
    expect(expired.kind === "failed" && expired.reason).toMatch(/refresh it.*INVALID_TOKEN token expired/)
    const badKey = classify(401, { code: "INVALID_API_KEY", message: "no" }, "authenticate_contact")
    expect(badKey.kind === "failed" && badKey.reason).toMatch(/api_key or the contact's credentials/)
    expect(classify(404, { code: "NOT_FOUND", message: "no contact" }, "update_consents").kind).toBe("failed")
    const down = classify(502, null, "refresh_token")
    expect(down.kind).toBe("retry")
    expect(down.kind === "retry" && down.reason).toBe("CRM.COM answered 502: no details")
  })
})
