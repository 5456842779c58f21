import { Harness, box, consent, contactOf, context, options, sync, tokenAnswer } from "./__tests__/harness"
import type { EndedContactCall } from "../../provider-api/types"

describe("CRM.COM contact sync", () => {
  it("asks for linking when the email already exists in CRM.COM with another password, and never registers it again", () => {
    const harness = new Harness()
    const contact = contactOf()
    const register = harness.next(contact, "register_contact")
    const exists = {
      code: "CONTACT_ALREADY_EXISTS",
      message: "A contact with this username already exists",
      attribute: "identity.username",
    }
    // maybe the plugin's own registration whose answer was lost: try the held password once
    expect(harness.answer(register, 400, exists)).toEqual({ again: true, last_sent: { $exists: "ada@example.com" } })
    expect(harness.problem).toBeUndefined()
    const authenticate = harness.next(contact, "authenticate_contact")
    expect(harness.request(authenticate).body).toEqual({
      provider: "EMAIL",
      username: "ada@example.com",
      password: harness.credentials!.password,
    })
    const settlement = harness.answer(authenticate, 401, {
      code: "INVALID_CREDENTIALS",
      message: "Invalid username or password",
      attribute: "username",
    })
    expect(settlement.problem).toEqual({
      status: "needs_linking",
      reason: expect.stringMatching(
        /^ada@example.com already exists in CRM.COM with a password the plugin does not hold: link it in CRM.COM .*sync the contact again/
      ),
    })
    expect(harness.state.external_id).toBeNull()
    expect(harness.state.last_sent).not.toHaveProperty("$exists")
    const blocked = { kind: "blocked", status: "needs_linking", reason: settlement.problem!.reason }
    expect(harness.plan(contact)).toEqual(blocked)
    expect(harness.plan({ ...contact, first_name: "Augusta", email: "ADA@example.com" })).toEqual(blocked)

    // another email is another CRM.COM identity: that one may be registered
    const renamed = harness.next({ ...contact, email: "ada@lovelace.org" }, "register_contact")
    expect(renamed.payload.identity).toEqual(expect.objectContaining({ username: "ada@lovelace.org" }))
    harness.expectNoSecretsStored()
  })

  it("treats a 409 to a registration as an existing contact too", () => {
    const harness = new Harness()
    const register = harness.next(contactOf(), "register_contact")
    expect(harness.answer(register, 409, { code: "CONFLICT", message: "exists" })).toEqual(
      expect.objectContaining({ again: true })
    )
    harness.next(contactOf(), "authenticate_contact")
  })

  it("signs in with the held password when its registration reached CRM.COM but the answer was lost", () => {
    const harness = new Harness()
    const contact = contactOf({ consents: { email_marketing: consent("True") } })
    const register = harness.next(contact, "register_contact")
    const { password } = harness.credentials!
    // the outbox sent the same row again: CRM.COM already has it
    harness.answer(register, 400, { code: "CONTACT_ALREADY_EXISTS", message: "exists", attribute: "identity.username" })
    const authenticate = harness.next(contact, "authenticate_contact")
    expect(harness.request(authenticate).body).toEqual(expect.objectContaining({ password }))
    const token = tokenAnswer("CAD7")
    expect(harness.answer(authenticate, 200, token)).toEqual(
      expect.objectContaining({ again: true, external_id: "CAD7", last_sent: {} })
    )
    // nothing of the registration is known as sent: everything goes in the first update
    const update = harness.next(contact, "update_contact")
    expect(harness.request(update).body).toEqual({
      first_name: "Ada",
      last_name: "Lovelace",
      email_address: "ada@example.com",
      email_opt_out: false,
    })
    harness.answer(update, 200, { id: "CAD7" })
    expect(harness.next(contact, "update_consents").payload).toEqual(
      expect.objectContaining({ consent_state: "ACCEPTED" })
    )
  })

  it("asks for linking at once when CRM.COM says the contact exists and no password is held", () => {
    const harness = new Harness()
    const register = harness.next(contactOf(), "register_contact")
    harness.state = { ...harness.state, credentials: null }
    const settlement = harness.answer(register, 400, {
      code: "CONTACT_ALREADY_EXISTS",
      message: "exists",
      attribute: "identity.username",
    })
    expect(settlement.problem).toEqual({
      status: "needs_linking",
      reason: expect.stringMatching(/already exists in CRM.COM with a password the plugin does not hold/),
    })
    expect(harness.plan(contactOf())).toEqual(expect.objectContaining({ kind: "blocked", status: "needs_linking" }))
  })

  it("reports other refusals with the API's error model, and a refused api_key as the store's, not the contact's", () => {
    const harness = new Harness()
    const register = harness.next(contactOf(), "register_contact")
    expect(
      harness.answer(register, 400, { code: "INVALID_VALUE", message: "not an email", attribute: "identity.username" })
    ).toEqual({
      again: false,
      problem: {
        status: "error",
        reason:
          "CRM.COM refused to register the contact: CRM.COM answered 400: INVALID_VALUE not an email (attribute: identity.username)",
      },
    })
    const { password } = harness.credentials!
    const again = harness.next(contactOf(), "register_contact")
    // the held password is kept for the next try: it may be the one CRM.COM has
    expect(harness.credentials!.password).toBe(password)
    expect(
      harness.answer(again, 401, {
        code: "INVALID_API_KEY",
        message: "The provided API Key is invalid",
        attribute: "api_key",
      })
    ).toEqual({ again: false })
    expect(harness.state.last_sent).toEqual({})
    const signedIn = new Harness()
    signedIn.answer(signedIn.next(contactOf(), "register_contact"), 200, tokenAnswer("CAD1"))
    signedIn.state = { ...signedIn.state, credentials: box.seal({ ...signedIn.credentials!, access_token: null }) }
    const refresh = signedIn.next(contactOf({ last_name: "King" }), "refresh_token")
    expect(signedIn.answer(refresh, 401, { code: "INVALID_API_KEY", message: "no", attribute: "api_key" })).toEqual({
      again: false,
    })
    expect(signedIn.credentials!.refresh_token).toEqual(expect.any(String))
  })

  it("stops after a fresh token is refused again and again, instead of looping", () => {
    const harness = new Harness()
    let contact = contactOf()
    harness.answer(harness.next(contact, "register_contact"), 200, tokenAnswer("CAD1"))
    contact = { ...contact, date_of_birth: "1815-12-10" }
    const rejected = {
      code: "INVALID_TOKEN",
      message: "The provided Token is invalid or has expired",
      attribute: "Authorization",
    }
    harness.answer(harness.next(contact, "update_contact"), 401, rejected)
    harness.answer(harness.next(contact, "refresh_token"), 200, tokenAnswer("CAD1"))
    expect(harness.answer(harness.next(contact, "update_contact"), 401, rejected)).toEqual({
      again: true,
      credentials: expect.any(String),
    })
    // refused after a refresh too: sign in anew
    expect(harness.credentials).toEqual(
      expect.objectContaining({ access_token: null, refresh_token: null, rejections: 2 })
    )
    harness.answer(harness.next(contact, "authenticate_contact"), 200, tokenAnswer("CAD1"))
    const third = harness.answer(harness.next(contact, "update_contact"), 401, rejected)
    expect(third).toEqual({
      again: false,
      problem: {
        status: "error",
        reason: expect.stringMatching(/refused 3 access tokens of the contact in a row.*INVALID_TOKEN/),
      },
      credentials: expect.any(String),
    })
    expect(harness.credentials).toEqual(expect.objectContaining({ access_token: null, rejections: 0 }))
    // the next change starts over with a sign-in
    harness.next({ ...contact, last_name: "King" }, "authenticate_contact")
  })

  it("does not trust an expiry that is already past when the token is handed out (the API's example is from 2019)", () => {
    const harness = new Harness()
    const seedToken =
      "eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJhMjc4ZDNlNS05YjhlLTQzNmUtOTIzMC03MGYzZTJkZjFjYTUiLCJleHAiOjE1Njg1NTQxMjJ9.LemqPPThkqfakkKS6CdkNvV1Lnc88CWirEpHOPnWjJPQz02zgkKSwfbvrEsl3OmR2LUhDILsOXf4x-GPFmNJCg"
    harness.answer(harness.next(contactOf(), "register_contact"), 200, { access_token: seedToken, exp: "1572530655" })
    expect(harness.state.external_id).toBe("a278d3e5-9b8e-436e-9230-70f3e2df1ca5")
    expect(harness.credentials).toEqual(expect.objectContaining({ access_token: seedToken, expires_at: null }))
    // used until CRM.COM refuses it, not refreshed forever
    harness.next(contactOf(), "update_contact")
  })

  it("forgets what a different contact was sent when a sign-in names another contact id", () => {
    const harness = new Harness()
    harness.answer(harness.next(contactOf(), "register_contact"), 200, tokenAnswer("CAD1"))
    harness.state = {
      ...harness.state,
      credentials: box.seal({ ...harness.credentials!, access_token: null, refresh_token: null }),
    }
    const authenticate = harness.next(contactOf({ last_name: "King" }), "authenticate_contact")
    expect(harness.answer(authenticate, 200, tokenAnswer("CAD2"))).toEqual(
      expect.objectContaining({ external_id: "CAD2", last_sent: {} })
    )
  })

  it("asks for a reset when CRM.COM no longer has the contact, and registers it anew after one", () => {
    const harness = new Harness()
    harness.answer(harness.next(contactOf(), "register_contact"), 200, tokenAnswer("CAD1"))
    const { password } = harness.credentials!
    const update = harness.next(contactOf(), "update_contact")
    expect(harness.answer(update, 404, { code: "NOT_FOUND", message: "The requested contact does not exist" })).toEqual(
      {
        again: false,
        problem: {
          status: "error",
          reason: expect.stringMatching(/no contact CAD1 \(any more\): sync the contact again with reset.*NOT_FOUND/),
        },
        credentials: expect.any(String),
      }
    )
    expect(harness.credentials).toEqual(expect.objectContaining({ confirmed: false, access_token: null }))
    // the admin's reset forgets the id and last_sent, not the credentials
    harness.state = { ...harness.state, external_id: null, last_sent: {} }
    const register = harness.next(contactOf(), "register_contact")
    expect(harness.request(register).body).toEqual(
      expect.objectContaining({ identity: expect.objectContaining({ password }) })
    )
  })

  it("signs in again after a reset of a contact it registered", () => {
    const harness = new Harness()
    harness.answer(harness.next(contactOf(), "register_contact"), 200, tokenAnswer("CAD1"))
    harness.state = { ...harness.state, external_id: null, last_sent: {} }
    harness.answer(harness.next(contactOf(), "authenticate_contact"), 200, tokenAnswer("CAD1"))
    expect(harness.state.external_id).toBe("CAD1")
    expect(harness.request(harness.next(contactOf(), "update_contact")).body).toEqual({
      first_name: "Ada",
      last_name: "Lovelace",
      email_address: "ada@example.com",
    })
  })

  it("needs linking when a contact has a CRM.COM id but no credentials, and an error when they cannot be opened", () => {
    const known = new Harness()
    known.state = { external_id: "CAD1", last_sent: {}, credentials: null }
    expect(known.plan(contactOf())).toEqual({
      kind: "blocked",
      status: "needs_linking",
      reason: expect.stringMatching(/holds no CRM.COM password for contact CAD1/),
    })
    expect(known.plan(contactOf())).toEqual(expect.objectContaining({ kind: "blocked" }))

    const rekeyed = new Harness()
    rekeyed.answer(rekeyed.next(contactOf(), "register_contact"), 200, tokenAnswer("CAD1"))
    const otherKey = { ...options, encryption_key: "a-different-encryption-key" }
    const reason = expect.stringMatching(/cannot be opened with the configured encryption_key/)
    expect(sync.plan(contactOf({ last_name: "King" }), rekeyed.state, otherKey, context)).toEqual({
      kind: "blocked",
      status: "error",
      reason,
    })
    const ended: EndedContactCall = {
      operation: "update_contact",
      payload: {},
      status: "delivered",
      external_id: "CAD1",
      summary: { status: 200 },
      reason: null,
    }
    expect(sync.settle(ended, rekeyed.state, otherKey)).toEqual({ again: false, problem: { status: "error", reason } })
  })

  it("signs in after a registration answered without a token, and stops when a sign-in has none either", () => {
    const harness = new Harness()
    const register = harness.next(contactOf(), "register_contact")
    // the registration answered without a token: sign in for one
    const registered: EndedContactCall = {
      operation: register.operation,
      payload: register.payload,
      sends: register.sends,
      status: "delivered",
      external_id: null,
      summary: { status: 200 },
      reason: null,
    }
    const settlement = sync.settle(registered, harness.state, options)
    expect(settlement).toEqual(expect.objectContaining({ again: true, last_sent: register.sends }))
    harness.state = { ...harness.state, credentials: settlement.credentials!, last_sent: settlement.last_sent! }
    const authenticate = harness.next(contactOf(), "authenticate_contact")
    const noToken: EndedContactCall = {
      ...registered,
      operation: authenticate.operation,
      payload: authenticate.payload,
      sends: undefined,
    }
    expect(sync.settle(noToken, harness.state, options)).toEqual({
      again: false,
      problem: { status: "error", reason: "CRM.COM answered authenticate_contact without an access token" },
    })
  })
})
