import { API, Harness, advanceClock, app, consent, contactOf, opened, options, tokenAnswer } from "./__tests__/harness"
import type { ContactSyncPlan } from "../../provider-api/types"

describe("CRM.COM contact sync", () => {
  it("registers with the email, the names and a generated strong password, stored sealed before the call goes out", () => {
    const harness = new Harness()
    const contact = contactOf({
      email: " Ada@Example.com ",
      consents: { email_marketing: consent("True"), sms_marketing: consent("False") },
      date_of_birth: "1815-12-10",
    })
    const plan = harness.plan(contact)
    expect(plan).toEqual({
      kind: "call",
      call: {
        operation: "register_contact",
        payload: {
          first_name: "Ada",
          last_name: "Lovelace",
          email_opt_out: false,
          sms_opt_out: true,
          consent_state: "ACCEPTED",
          identity: {
            provider: "EMAIL",
            username: "ada@example.com",
            password_sealed: expect.any(String),
            validation_required: false,
          },
        },
        sends: {
          first_name: "Ada",
          last_name: "Lovelace",
          email_opt_out: false,
          sms_opt_out: true,
          consent_state: "ACCEPTED",
        },
      },
      credentials: expect.any(String),
    })
    const credentials = harness.credentials!
    expect(credentials).toEqual({ username: "ada@example.com", password: expect.any(String) })
    expect(credentials.password.length).toBeGreaterThanOrEqual(32)
    expect(credentials.password).toMatch(/[A-Z]/)
    expect(credentials.password).toMatch(/[a-z]/)
    expect(credentials.password).toMatch(/[0-9]/)

    const call = (plan as Extract<ContactSyncPlan, { kind: "call" }>).call
    expect(harness.request(call)).toEqual({
      method: "POST",
      url: `${API}/contacts/register`,
      headers: app,
      body: {
        first_name: "Ada",
        last_name: "Lovelace",
        email_opt_out: false,
        sms_opt_out: true,
        consent_state: "ACCEPTED",
        identity: {
          provider: "EMAIL",
          username: "ada@example.com",
          password: credentials.password,
          validation_required: false,
        },
      },
    })
    expect(JSON.stringify(call)).not.toContain(credentials.password)
    expect(harness.state.credentials).not.toContain(credentials.password)
    // another contact: another password
    const other = new Harness().plan(contactOf({ customer_id: "cus_2", email: "grace@example.com" }))
    expect(opened((other as { credentials?: string }).credentials)!.password).not.toBe(credentials.password)
    // validation_required follows the options
    const verified = new Harness({ ...options, validation_required: true }).next(contactOf(), "register_contact")
    expect(verified.payload.identity).toEqual(expect.objectContaining({ validation_required: true }))
  })

  it("cannot register a contact without an email or without a first and last name", () => {
    const harness = new Harness()
    expect(harness.plan(contactOf({ email: null }))).toEqual({
      kind: "blocked",
      status: "error",
      reason: expect.stringMatching(/by its email.*has no email/),
    })
    expect(harness.plan(contactOf({ email: "  " }))).toEqual(
      expect.objectContaining({ kind: "blocked", status: "error" })
    )
    expect(harness.plan(contactOf({ first_name: null }))).toEqual({
      kind: "blocked",
      status: "error",
      reason: expect.stringMatching(/first and a last name/),
    })
    expect(harness.plan(contactOf({ last_name: " " }))).toEqual(
      expect.objectContaining({ kind: "blocked", status: "error" })
    )
    expect(harness.state.credentials).toBeNull()
  })

  it("runs register → changes only → token expiry → refresh → refused refresh → sign-in → refused password → needs_linking, keeping no secret in clear", () => {
    const harness = new Harness()
    let contact = contactOf({
      date_of_birth: "1815-12-10",
      consents: { email_marketing: consent("True"), sms_marketing: consent("False") },
    })

    // register: the id is the sub of the returned JWT
    const register = harness.next(contact, "register_contact")
    const { password } = harness.credentials!
    const first = tokenAnswer("CAD1")
    expect(harness.answer(register, 200, first)).toEqual(expect.objectContaining({ again: true, external_id: "CAD1" }))
    expect(harness.state.external_id).toBe("CAD1")
    expect(harness.credentials).toEqual({
      username: "ada@example.com",
      password,
      confirmed: true,
      access_token: first.access_token,
      refresh_token: first.access_token,
      expires_at: new Date(Number(first.exp) * 1000).toISOString(),
      rejections: 0,
    })
    expect(harness.state.last_sent).toEqual({
      first_name: "Ada",
      last_name: "Lovelace",
      email_opt_out: false,
      sms_opt_out: true,
      consent_state: "ACCEPTED",
    })

    // then only what the registration did not send
    const update = harness.next(contact, "update_contact")
    expect(update.payload).toEqual({
      contact_id: "CAD1",
      access_token_sealed: expect.any(String),
      contact: {
        email_address: "ada@example.com",
        demographics: { date_of_birth: { year: 1815, month: 12, day: 10 } },
      },
    })
    expect(harness.request(update)).toEqual({
      method: "PUT",
      url: `${API}/contacts/CAD1`,
      headers: { ...app, Authorization: `Bearer ${first.access_token}` },
      body: { email_address: "ada@example.com", demographics: { date_of_birth: { year: 1815, month: 12, day: 10 } } },
    })
    expect(harness.answer(update, 200, { id: "CAD1" })).toEqual({ again: true })
    expect(harness.plan(contact)).toEqual({ kind: "done" })

    // a changed name: only that field
    contact = { ...contact, last_name: "King" }
    const renamed = harness.next(contact, "update_contact")
    expect(harness.request(renamed).body).toEqual({ last_name: "King" })
    harness.answer(renamed, 200, { id: "CAD1" })

    // a consent waiting for confirmation: the opt-out first, then the consent state, one call each
    contact = { ...contact, consents: { ...contact.consents, email_marketing: consent("AwaitingConfirmation") } }
    const optOut = harness.next(contact, "update_contact")
    expect(harness.request(optOut).body).toEqual({ email_opt_out: true })
    harness.answer(optOut, 200, { id: "CAD1" })
    const consents = harness.next(contact, "update_consents")
    expect(harness.request(consents)).toEqual({
      method: "PUT",
      url: `${API}/contacts/CAD1/consents`,
      headers: { ...app, Authorization: `Bearer ${first.access_token}` },
      body: { consent_state: "PENDING" },
    })
    expect(harness.answer(consents, 200, { id: "CAD1" })).toEqual({ again: true })
    expect(harness.plan(contact)).toEqual({ kind: "done" })

    // the token expires within a minute: refresh before the next contact call, not for nothing
    advanceClock((3600 - 50) * 1000)
    expect(harness.plan(contact)).toEqual({ kind: "done" })
    contact = { ...contact, first_name: "Augusta Ada" }
    const refresh = harness.next(contact, "refresh_token")
    expect(refresh.payload).toEqual({ contact_id: "CAD1", refresh_token_sealed: expect.any(String) })
    expect(harness.request(refresh)).toEqual({
      method: "POST",
      url: `${API}/contacts/refresh`,
      headers: app,
      body: { refresh_token: first.access_token },
    })
    const second = tokenAnswer("CAD1")
    expect(harness.answer(refresh, 200, second)).toEqual(expect.objectContaining({ again: true, external_id: "CAD1" }))
    expect(harness.credentials).toEqual(
      expect.objectContaining({ access_token: second.access_token, refresh_token: second.access_token, password })
    )
    const withFresh = harness.next(contact, "update_contact")
    expect(harness.request(withFresh).headers.Authorization).toBe(`Bearer ${second.access_token}`)
    expect(harness.request(withFresh).body).toEqual({ first_name: "Augusta Ada" })

    // CRM.COM refuses the token anyway: drop it, refresh, send again
    expect(
      harness.answer(withFresh, 401, { code: "INVALID_TOKEN", message: "expired", attribute: "Authorization" })
    ).toEqual({
      again: true,
      credentials: expect.any(String),
    })
    expect(harness.problem).toBeUndefined()
    expect(harness.credentials).toEqual(
      expect.objectContaining({ access_token: null, refresh_token: second.access_token, rejections: 1 })
    )
    const refreshAgain = harness.next(contact, "refresh_token")

    // the refresh is refused: sign in with the held password
    expect(
      harness.answer(refreshAgain, 401, {
        code: "INVALID_TOKEN",
        message: "The refresh token is not valid",
        attribute: "refresh_token",
      })
    ).toEqual({
      again: true,
      credentials: expect.any(String),
    })
    expect(harness.credentials).toEqual(
      expect.objectContaining({ access_token: null, refresh_token: null, expires_at: null, password })
    )
    const authenticate = harness.next(contact, "authenticate_contact")
    expect(authenticate.payload).toEqual({
      provider: "EMAIL",
      username: "ada@example.com",
      password_sealed: expect.any(String),
    })
    expect(harness.request(authenticate)).toEqual({
      method: "POST",
      url: `${API}/contacts/authenticate`,
      headers: app,
      body: { provider: "EMAIL", username: "ada@example.com", password },
    })
    const third = tokenAnswer("CAD1")
    harness.answer(authenticate, 200, third)
    const resent = harness.next(contact, "update_contact")
    expect(harness.request(resent)).toEqual(
      expect.objectContaining({
        headers: { ...app, Authorization: `Bearer ${third.access_token}` },
        body: { first_name: "Augusta Ada" },
      })
    )
    harness.answer(resent, 200, { id: "CAD1" })
    expect(harness.credentials!.rejections).toBe(0)
    expect(harness.plan(contact)).toEqual({ kind: "done" })

    // the password was changed in CRM.COM: the refresh and the sign-in are refused → needs linking
    advanceClock(3600 * 1000)
    contact = { ...contact, last_name: "Byron" }
    harness.answer(harness.next(contact, "refresh_token"), 401, {
      code: "INVALID_TOKEN",
      message: "no",
      attribute: "refresh_token",
    })
    const refused = harness.answer(harness.next(contact, "authenticate_contact"), 401, {
      code: "INVALID_CREDENTIALS",
      message: "Invalid username or password",
      attribute: "username",
    })
    expect(refused).toEqual(
      expect.objectContaining({
        again: false,
        problem: {
          status: "needs_linking",
          reason: expect.stringMatching(
            /^CRM.COM refused the plugin's password for ada@example.com .*link the contact in CRM.COM.*INVALID_CREDENTIALS Invalid username or password \(attribute: username\)/
          ),
        },
      })
    )
    // stays blocked on the next changes, whatever the email: no sign-in, no registration
    for (const later of [
      { ...contact, first_name: "Ada" },
      { ...contact, email: "ada@lovelace.org" },
    ]) {
      expect(harness.plan(later)).toEqual({ kind: "blocked", status: "needs_linking", reason: refused.problem!.reason })
    }
    expect(harness.credentials).toEqual(
      expect.objectContaining({ password, confirmed: false, access_token: null, refresh_token: null })
    )

    harness.expectNoSecretsStored()
    expect(harness.secrets).toContain(password)
    expect(harness.secrets).toContain(third.access_token)
  })
})
