import crmComPlatform, { decodeJwtPayload, decodeJwtSub } from "./platform"
import { createSecretBox } from "../../utils/secret-box"
import { crmComOptionsSchema } from "./options"

const options = crmComOptionsSchema.parse({
  api_url: "https://sandbox.crm.com/self-service/v1",
  api_key: "crm-key",
  encryption_key: "crm-encryption-key-0123",
})
const box = createSecretBox(options.encryption_key)
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
// the API's own example token: sub a278d3e5-…, exp 1568554122
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

  it("registers with the API's body, opening the sealed password and filling validation_required for EMAIL from the options", () => {
    const payload = {
      first_name: "John",
      last_name: "Doe",
      identity: { provider: "EMAIL", username: "johndoe@crm.com", password_sealed: box.seal("12345") },
      service_acceptance: true,
    }
    expect(crmComPlatform.buildRequest(message("register_contact", payload), options)).toEqual({
      method: "POST",
      url: "https://sandbox.crm.com/self-service/v1/contacts/register",
      headers: app,
      body: {
        ...payload,
        identity: { provider: "EMAIL", username: "johndoe@crm.com", password: "12345", validation_required: false },
      },
    })
    const clear = { ...payload, identity: { provider: "EMAIL", username: "johndoe@crm.com", password: "12345" } }
    expect(() => crmComPlatform.buildRequest(message("register_contact", clear), options)).toThrow(
      /password must be sent sealed/
    )
    const noPassword = { ...payload, identity: { provider: "EMAIL", username: "johndoe@crm.com" } }
    expect(() => crmComPlatform.buildRequest(message("register_contact", noPassword), options)).toThrow(
      /needs password_sealed/
    )
    const otherKey = { ...options, encryption_key: "another-encryption-key" }
    expect(() => crmComPlatform.buildRequest(message("register_contact", payload), otherKey)).toThrow(
      /cannot be opened with the configured encryption_key/
    )
    const phone = {
      first_name: "J",
      last_name: "D",
      identity: { provider: "PHONE", phone_number: "22265577", country_code: "CYP" },
    }
    expect(crmComPlatform.buildRequest(message("register_contact", phone), options).body).toEqual(phone)
    expect(() => crmComPlatform.buildRequest(message("register_contact", {}), options)).toThrow(/identity.provider/)
  })

  it("authenticates and refreshes with the api_key only, opening the sealed password and refresh token", () => {
    const credentials = { provider: "EMAIL", username: "johndoe@crm.com", password_sealed: box.seal("pw") }
    expect(crmComPlatform.buildRequest(message("authenticate_contact", credentials), options)).toEqual({
      method: "POST",
      url: "https://sandbox.crm.com/self-service/v1/contacts/authenticate",
      headers: app,
      body: { provider: "EMAIL", username: "johndoe@crm.com", password: "pw" },
    })
    expect(
      crmComPlatform.buildRequest(
        message("refresh_token", { contact_id: "CAD1", refresh_token_sealed: box.seal("r.t.s") }),
        options
      )
    ).toEqual({
      method: "POST",
      url: "https://sandbox.crm.com/self-service/v1/contacts/refresh",
      headers: app,
      body: { refresh_token: "r.t.s" },
    })
    expect(() =>
      crmComPlatform.buildRequest(
        message("authenticate_contact", { provider: "EMAIL", username: "j", password: "pw" }),
        options
      )
    ).toThrow(/must be sent sealed/)
    expect(() => crmComPlatform.buildRequest(message("refresh_token", { refresh_token: "r.t.s" }), options)).toThrow(
      /must be sent sealed/
    )
    expect(() =>
      crmComPlatform.buildRequest(message("refresh_token", { refresh_token_sealed: "v1.x.y.z" }), options)
    ).toThrow(/cannot be opened/)
  })

  it("needs an encryption key of at least 16 characters, and maps consents by default as documented", () => {
    const base = { api_url: "https://sandbox.crm.com/self-service/v1", api_key: "crm-key" }
    expect(crmComOptionsSchema.safeParse(base).success).toBe(false)
    expect(crmComOptionsSchema.safeParse({ ...base, encryption_key: "too-short" }).success).toBe(false)
    expect(options).toEqual(
      expect.objectContaining({
        validation_required: false,
        email_opt_out_purpose: "email_marketing",
        sms_opt_out_purpose: "sms_marketing",
        consent_purpose: "email_marketing",
        consent_states: { True: "ACCEPTED", AwaitingConfirmation: "PENDING", False: "REJECTED" },
      })
    )
    const custom = crmComOptionsSchema.parse({
      ...base,
      encryption_key: options.encryption_key,
      consent_states: { False: null },
    })
    expect(custom.consent_states).toEqual({ True: "ACCEPTED", AwaitingConfirmation: "PENDING", False: null })
    expect(
      crmComOptionsSchema.safeParse({
        ...base,
        encryption_key: options.encryption_key,
        consent_states: { True: "accepted" },
      }).success
    ).toBe(false)
  })

  it("updates a contact and its consent state with the contact's bearer token, opened from the payload", () => {
    const contact = { first_name: "John", email_address: "bill@gmail.com" }
    const access_token_sealed = box.seal("t.o.k")
    expect(
      crmComPlatform.buildRequest(
        message("update_contact", { contact_id: "CAD1", access_token_sealed, contact }),
        options
      )
    ).toEqual({
      method: "PUT",
      url: "https://sandbox.crm.com/self-service/v1/contacts/CAD1",
      headers: { ...app, Authorization: "Bearer t.o.k" },
      body: contact,
    })
    expect(
      crmComPlatform.buildRequest(
        message("update_consents", { contact_id: "CAD1", access_token_sealed, consent_state: "ACCEPTED" }),
        options
      )
    ).toEqual({
      method: "PUT",
      url: "https://sandbox.crm.com/self-service/v1/contacts/CAD1/consents",
      headers: { ...app, Authorization: "Bearer t.o.k" },
      body: { consent_state: "ACCEPTED" },
    })
    expect(() =>
      crmComPlatform.buildRequest(
        message("update_consents", { contact_id: "CAD1", consent_state: "ACCEPTED" }),
        options
      )
    ).toThrow(/needs access_token_sealed/)
    expect(() =>
      crmComPlatform.buildRequest(
        message("update_consents", { contact_id: "CAD1", access_token: "t.o.k", consent_state: "ACCEPTED" }),
        options
      )
    ).toThrow(/must be sent sealed/)
    expect(() =>
      crmComPlatform.buildRequest(message("update_contact", { access_token_sealed, contact }), options)
    ).toThrow(/contact_id/)
    expect(() => crmComPlatform.buildRequest(message("sign_out", {}), options)).toThrow(/no operation/)
  })

  it.each(["register_contact", "authenticate_contact", "refresh_token"])(
    "keeps the expiry and the contact id of %s in the summary, and the tokens only in the secrets",
    (operation) => {
      const exp = Math.floor(Date.now() / 1000) + 600
      const token = `${part({ alg: "HS256" })}.${part({ sub: "contact-1", exp })}.sig`
      const outcome = classify(
        200,
        { access_token: token, exp: String(exp), contact: { first_name: "John" } },
        operation
      )
      const expiresAt = new Date(exp * 1000).toISOString()
      expect(outcome).toEqual({
        kind: "delivered",
        external_id: "contact-1",
        summary: {
          status: 200,
          contact_id: "contact-1",
          exp,
          expires_at: expiresAt,
          expires_in: expect.any(Number),
          contact: { first_name: "John" },
        },
        secrets: { access_token: token, refresh_token: token, expires_at: expiresAt },
      })
      const summary = outcome.kind === "delivered" ? outcome.summary! : {}
      expect(summary.expires_in).toBeGreaterThan(590)
      expect(JSON.stringify(summary)).not.toContain(token.split(".")[1])
    }
  )

  it("keeps a separate refresh token when the answer has one, and the OTP of a PHONE registration", () => {
    const outcome = classify(200, { access_token: SEED_TOKEN, refresh_token: "r1" }, "authenticate_contact")
    expect(outcome.kind === "delivered" && outcome.summary).toEqual(
      expect.objectContaining({ exp: 1568554122, expires_in: 0 })
    )
    expect(outcome.kind === "delivered" && outcome.secrets).toEqual({
      access_token: SEED_TOKEN,
      refresh_token: "r1",
      expires_at: "2019-09-15T13:28:42.000Z",
    })
    expect(classify(200, { obfuscated_value: "+35799***834", auth_otp: "731e" }, "register_contact")).toEqual({
      kind: "delivered",
      external_id: null,
      summary: { status: 200, otp_required: true, obfuscated_value: "+35799***834" },
      secrets: { auth_otp: "731e" },
    })
    // a token call answered without a token keeps nothing of the answer
    expect(classify(200, { token: "x.y.z" }, "refresh_token")).toEqual({
      kind: "delivered",
      external_id: null,
      summary: { status: 200 },
    })
    expect(classify(200, { id: "658AB90A" }, "update_consents")).toEqual(
      expect.objectContaining({ kind: "delivered", external_id: "658AB90A" })
    )
  })

  it("puts the API's code, message and attribute in the reason; flags a refused contact token", () => {
    const exists = classify(
      400,
      { code: "CONTACT_ALREADY_EXISTS", message: "username is taken", attribute: "username" },
      "register_contact"
    )
    expect(exists.kind).toBe("failed")
    expect(exists.kind === "failed" && exists.reason).toBe(
      "the contact already exists in CRM.COM. CRM.COM answered 400: CONTACT_ALREADY_EXISTS username is taken (attribute: username)"
    )
    expect(exists.summary).toEqual(expect.objectContaining({ status: 400, contact_exists: true }))
    expect(classify(409, { code: "CONFLICT" }, "register_contact").summary).toEqual(
      expect.objectContaining({ contact_exists: true })
    )
    expect(
      classify(400, { code: "INVALID_EMAIL", attribute: "identity.username" }, "register_contact").summary
    ).not.toHaveProperty("contact_exists")
    const expired = classify(401, { code: "INVALID_TOKEN", message: "token expired" }, "update_contact")
    expect(expired).toEqual(
      expect.objectContaining({ kind: "failed", summary: expect.objectContaining({ token_rejected: true }) })
    )
    expect(expired.kind === "failed" && expired.reason).toMatch(/refresh it.*INVALID_TOKEN token expired/)
    const badKey = classify(401, { code: "INVALID_API_KEY", message: "no", attribute: "api_key" }, "update_contact")
    expect(badKey.kind === "failed" && badKey.reason).toMatch(
      /^CRM.COM refused the api_key\. CRM.COM answered 401: INVALID_API_KEY no/
    )
    expect(badKey.summary).toEqual(expect.objectContaining({ api_key_rejected: true }))
    expect(badKey.summary).not.toHaveProperty("token_rejected")
    const badPassword = classify(
      401,
      { code: "INVALID_CREDENTIALS", message: "no", attribute: "username" },
      "authenticate_contact"
    )
    expect(badPassword.kind === "failed" && badPassword.reason).toMatch(/api_key or the contact's credentials/)
    expect(classify(404, { code: "NOT_FOUND", message: "no contact" }, "update_consents").kind).toBe("failed")
    const down = classify(502, null, "refresh_token")
    expect(down.kind).toBe("retry")
    expect(down.kind === "retry" && down.reason).toBe("CRM.COM answered 502: no details")
  })
})
