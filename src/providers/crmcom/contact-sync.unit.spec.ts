import crmComPlatform from "./platform"
import { createCrmComStandIn } from "../../../integration-tests/stand-ins/crmcom"
import { attemptDelivery } from "../../modules/engagement/outbox/send"
import { createSecretBox } from "../../utils/secret-box"
import type {
  CommonPlatformOptions,
  ContactSnapshot,
  DeliveryOutcome,
  EngagementPlatform,
  ContactSyncCall,
  ContactSyncContext,
  ContactSyncPlan,
  ContactSyncSettlement,
  ContactSyncState,
  EndedContactCall,
  SnapshotConsent,
} from "../../modules/engagement/provider-api/types"
import { consentStateOf, crmComBody, crmComFieldsOf, dateOfBirthOf } from "./contact-sync"
import { CrmComOptions, crmComOptionsSchema } from "./options"
import type { CrmComCredentials } from "./secrets"

const API = "https://sandbox.crm.com/self-service/v1"
const options = crmComOptionsSchema.parse({ api_url: API, api_key: "crm-key", encryption_key: "crm-encryption-key-0123" })
const box = createSecretBox(options.encryption_key)
const context: ContactSyncContext = { purposes: { email_marketing: { channel: "email" }, sms_marketing: { channel: "sms" } } }
const sync = crmComPlatform.contactSync!
const app = { api_key: "crm-key", "Content-Type": "application/json", Accept: "application/json" }

const NOW = Date.parse("2025-03-01T12:00:00.000Z")
let now = NOW
beforeEach(() => {
  now = NOW
  jest.spyOn(Date, "now").mockImplementation(() => now)
})
afterEach(() => jest.restoreAllMocks())

const consent = (value: SnapshotConsent["value"]): SnapshotConsent => ({
  value,
  source: "checkout",
  recorded_at: "2025-01-01T00:00:00.000Z",
  wording: null,
  info: null,
})

const contactOf = (overrides: Partial<ContactSnapshot> = {}): ContactSnapshot => ({
  customer_id: "cus_1",
  email: "ada@example.com",
  phone: null,
  crm_id: null,
  first_name: "Ada",
  last_name: "Lovelace",
  date_of_birth: null,
  gender: null,
  language: null,
  address: null,
  custom_attributes: {},
  statistics: {},
  consents: {},
  ...overrides,
})

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url")
let issued = 0
/** A CRM.COM-like access token for a contact, living `ttl` seconds from now. */
function tokenFor(sub: string, ttl = 3600) {
  const exp = Math.floor(now / 1000) + ttl
  return { access_token: `${part({ alg: "HS256" })}.${part({ sub, exp, jti: ++issued })}.sig${issued}`, exp: String(exp) }
}
const tokenAnswer = (sub: string, ttl?: number) => ({ ...tokenFor(sub, ttl), contact: { first_name: "Ada", last_name: "Lovelace" } })

const opened = (sealed: string | null | undefined) => (sealed ? box.open<CrmComCredentials>(sealed) : null)

/**
 * The contact sync as the driver runs it (src/modules/engagement/contact-sync/driver.ts), in memory:
 * the plan's credentials are stored before the call goes out; the answer is classified by the
 * platform; the settlement's id, credentials and last_sent are applied (a delivered call's `sends`
 * merged by default). Everything that the outbox and the sync state would keep is collected.
 */
class Harness {
  state: ContactSyncState = { external_id: null, last_sent: {}, credentials: null }
  /** what the outbox and the sync table keep: payloads, summaries, reasons, last_sent */
  readonly stored: unknown[] = []
  /** every clear secret seen: passwords from the requests, tokens from the answers */
  readonly secrets = new Set<string>()
  problem: ContactSyncSettlement["problem"] | undefined

  constructor(readonly opts: CrmComOptions = options) {}

  plan(contact: ContactSnapshot): ContactSyncPlan {
    const plan = sync.plan(contact, this.state, this.opts, context)
    if (plan.kind === "call") {
      if (plan.credentials !== undefined) {
        this.state = { ...this.state, credentials: plan.credentials }
      }
      this.stored.push(plan.call.payload)
    }
    return plan
  }

  /** Plans and expects a call of this operation. */
  next(contact: ContactSnapshot, operation: string): ContactSyncCall {
    const plan = this.plan(contact)
    expect(plan).toEqual(expect.objectContaining({ kind: "call" }))
    const call = (plan as Extract<ContactSyncPlan, { kind: "call" }>).call
    expect(call.operation).toBe(operation)
    return call
  }

  request(call: ContactSyncCall) {
    const request = crmComPlatform.buildRequest(
      { id: "engdel_1", platform: "crmcom", operation: call.operation, payload: call.payload, idempotency_key: "k", attempts: 1 },
      this.opts
    )
    const body = request.body as Record<string, any> | undefined
    for (const secret of [body?.password, body?.identity?.password, body?.refresh_token, request.headers.Authorization?.replace(/^Bearer /, "")]) {
      if (secret) this.secrets.add(secret)
    }
    return request
  }

  /** CRM.COM answers the call; returns what the sync made of it. */
  answer(call: ContactSyncCall, status: number, body: unknown): ContactSyncSettlement {
    this.request(call)
    const message = { id: "engdel_1", platform: "crmcom", operation: call.operation, payload: call.payload, idempotency_key: "k", attempts: 1 }
    return this.settle(call, crmComPlatform.classifyResponse!({ status, headers: {}, body }, message, this.opts))
  }

  /** Sends the call over HTTP as the outbox does (to the stand-in), and settles its outcome. */
  async send(call: ContactSyncCall): Promise<ContactSyncSettlement> {
    this.request(call)
    const message = { id: `engdel_${++issued}`, platform: "crmcom", operation: call.operation, payload: call.payload, idempotency_key: `k${issued}`, attempts: 1 }
    const platform = crmComPlatform as unknown as EngagementPlatform<CommonPlatformOptions>
    const { status: _status, ...outcome } = await attemptDelivery(platform, this.opts, message)
    return this.settle(call, outcome as DeliveryOutcome)
  }

  settle(call: ContactSyncCall, outcome: DeliveryOutcome): ContactSyncSettlement {
    expect(outcome.kind).not.toBe("retry")
    const delivered = outcome.kind === "delivered"
    if (delivered && typeof outcome.secrets?.access_token === "string") {
      this.secrets.add(outcome.secrets.access_token)
    }
    const ended: EndedContactCall = {
      operation: call.operation,
      payload: call.payload,
      sends: call.sends,
      status: delivered ? "delivered" : "failed",
      external_id: delivered ? outcome.external_id ?? null : null,
      summary: outcome.summary ?? null,
      secrets: delivered ? outcome.secrets : undefined,
      reason: delivered ? null : (outcome as { reason: string }).reason,
    }
    this.stored.push(ended.summary, ended.reason)
    const settlement = sync.settle(ended, this.state, this.opts)
    this.state = {
      external_id: settlement.external_id === undefined ? this.state.external_id : settlement.external_id,
      last_sent: settlement.last_sent ?? (delivered ? { ...this.state.last_sent, ...(call.sends ?? {}) } : this.state.last_sent),
      credentials: settlement.credentials === undefined ? this.state.credentials : settlement.credentials,
    }
    this.stored.push(this.state.last_sent)
    this.problem = settlement.problem
    return settlement
  }

  get credentials() {
    return opened(this.state.credentials)
  }

  /** Nothing kept at rest holds a password or token in clear. */
  expectNoSecretsStored() {
    const kept = JSON.stringify(this.stored) + JSON.stringify(this.state)
    expect(this.secrets.size).toBeGreaterThan(0)
    for (const secret of this.secrets) {
      expect(kept).not.toContain(secret)
      // the JWT's claims part alone would give the token away too
      if (secret.split(".").length === 3) expect(kept).not.toContain(secret.split(".")[1])
    }
  }
}

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
    expect(crmComBody({ first_name: "Ada", "demographics.date_of_birth": { year: 1815, month: 12, day: 10 } })).toEqual({
      first_name: "Ada",
      demographics: { date_of_birth: { year: 1815, month: 12, day: 10 } },
    })
    expect(dateOfBirthOf("2001-02-03")).toEqual({ year: 2001, month: 2, day: 3 })
    expect(dateOfBirthOf("03/02/2001")).toBeNull()
  })

  it("sends opt-outs only for recorded consents, and the consent state through the configured map", () => {
    const none = contactOf()
    expect(crmComFieldsOf(none, options)).not.toHaveProperty("email_opt_out")
    expect(crmComFieldsOf(none, options)).not.toHaveProperty("sms_opt_out")
    expect(consentStateOf(none, options)).toBeNull()
    const states = (value: SnapshotConsent["value"], opts = options) => consentStateOf(contactOf({ consents: { email_marketing: consent(value) } }), opts)
    expect([states("True"), states("AwaitingConfirmation"), states("False")]).toEqual(["ACCEPTED", "PENDING", "REJECTED"])
    expect(crmComFieldsOf(contactOf({ consents: { email_marketing: consent("False") } }), options).email_opt_out).toBe(true)

    const custom = crmComOptionsSchema.parse({
      ...options,
      consent_purpose: "newsletter",
      consent_states: { False: null },
      email_opt_out_purpose: "newsletter",
      sms_opt_out_purpose: null,
    })
    const contact = contactOf({ consents: { newsletter: consent("False"), email_marketing: consent("True"), sms_marketing: consent("True") } })
    expect(consentStateOf(contact, custom)).toBeNull()
    expect(consentStateOf(contactOf({ consents: { newsletter: consent("True") } }), custom)).toBe("ACCEPTED")
    expect(crmComFieldsOf(contact, custom)).toEqual(expect.objectContaining({ email_opt_out: true }))
    expect(crmComFieldsOf(contact, custom)).not.toHaveProperty("sms_opt_out")
    expect(consentStateOf(contact, { ...options, consent_purpose: null })).toBeNull()
  })
})

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
          identity: { provider: "EMAIL", username: "ada@example.com", password_sealed: expect.any(String), validation_required: false },
        },
        sends: { first_name: "Ada", last_name: "Lovelace", email_opt_out: false, sms_opt_out: true, consent_state: "ACCEPTED" },
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
        identity: { provider: "EMAIL", username: "ada@example.com", password: credentials.password, validation_required: false },
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
    expect(harness.plan(contactOf({ email: null }))).toEqual({ kind: "blocked", status: "error", reason: expect.stringMatching(/by its email.*has no email/) })
    expect(harness.plan(contactOf({ email: "  " }))).toEqual(expect.objectContaining({ kind: "blocked", status: "error" }))
    expect(harness.plan(contactOf({ first_name: null }))).toEqual({
      kind: "blocked",
      status: "error",
      reason: expect.stringMatching(/first and a last name/),
    })
    expect(harness.plan(contactOf({ last_name: " " }))).toEqual(expect.objectContaining({ kind: "blocked", status: "error" }))
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
    expect(harness.state.last_sent).toEqual({ first_name: "Ada", last_name: "Lovelace", email_opt_out: false, sms_opt_out: true, consent_state: "ACCEPTED" })

    // then only what the registration did not send
    const update = harness.next(contact, "update_contact")
    expect(update.payload).toEqual({
      contact_id: "CAD1",
      access_token_sealed: expect.any(String),
      contact: { email_address: "ada@example.com", demographics: { date_of_birth: { year: 1815, month: 12, day: 10 } } },
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
    now += (3600 - 50) * 1000
    expect(harness.plan(contact)).toEqual({ kind: "done" })
    contact = { ...contact, first_name: "Augusta Ada" }
    const refresh = harness.next(contact, "refresh_token")
    expect(refresh.payload).toEqual({ contact_id: "CAD1", refresh_token_sealed: expect.any(String) })
    expect(harness.request(refresh)).toEqual({ method: "POST", url: `${API}/contacts/refresh`, headers: app, body: { refresh_token: first.access_token } })
    const second = tokenAnswer("CAD1")
    expect(harness.answer(refresh, 200, second)).toEqual(expect.objectContaining({ again: true, external_id: "CAD1" }))
    expect(harness.credentials).toEqual(expect.objectContaining({ access_token: second.access_token, refresh_token: second.access_token, password }))
    const withFresh = harness.next(contact, "update_contact")
    expect(harness.request(withFresh).headers.Authorization).toBe(`Bearer ${second.access_token}`)
    expect(harness.request(withFresh).body).toEqual({ first_name: "Augusta Ada" })

    // CRM.COM refuses the token anyway: drop it, refresh, send again
    expect(harness.answer(withFresh, 401, { code: "INVALID_TOKEN", message: "expired", attribute: "Authorization" })).toEqual({
      again: true,
      credentials: expect.any(String),
    })
    expect(harness.problem).toBeUndefined()
    expect(harness.credentials).toEqual(expect.objectContaining({ access_token: null, refresh_token: second.access_token, rejections: 1 }))
    const refreshAgain = harness.next(contact, "refresh_token")

    // the refresh is refused: sign in with the held password
    expect(harness.answer(refreshAgain, 401, { code: "INVALID_TOKEN", message: "The refresh token is not valid", attribute: "refresh_token" })).toEqual({
      again: true,
      credentials: expect.any(String),
    })
    expect(harness.credentials).toEqual(expect.objectContaining({ access_token: null, refresh_token: null, expires_at: null, password }))
    const authenticate = harness.next(contact, "authenticate_contact")
    expect(authenticate.payload).toEqual({ provider: "EMAIL", username: "ada@example.com", password_sealed: expect.any(String) })
    expect(harness.request(authenticate)).toEqual({
      method: "POST",
      url: `${API}/contacts/authenticate`,
      headers: app,
      body: { provider: "EMAIL", username: "ada@example.com", password },
    })
    const third = tokenAnswer("CAD1")
    harness.answer(authenticate, 200, third)
    const resent = harness.next(contact, "update_contact")
    expect(harness.request(resent)).toEqual(expect.objectContaining({ headers: { ...app, Authorization: `Bearer ${third.access_token}` }, body: { first_name: "Augusta Ada" } }))
    harness.answer(resent, 200, { id: "CAD1" })
    expect(harness.credentials!.rejections).toBe(0)
    expect(harness.plan(contact)).toEqual({ kind: "done" })

    // the password was changed in CRM.COM: the refresh and the sign-in are refused → needs linking
    now += 3600 * 1000
    contact = { ...contact, last_name: "Byron" }
    harness.answer(harness.next(contact, "refresh_token"), 401, { code: "INVALID_TOKEN", message: "no", attribute: "refresh_token" })
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
    for (const later of [{ ...contact, first_name: "Ada" }, { ...contact, email: "ada@lovelace.org" }]) {
      expect(harness.plan(later)).toEqual({ kind: "blocked", status: "needs_linking", reason: refused.problem!.reason })
    }
    expect(harness.credentials).toEqual(expect.objectContaining({ password, confirmed: false, access_token: null, refresh_token: null }))

    harness.expectNoSecretsStored()
    expect(harness.secrets).toContain(password)
    expect(harness.secrets).toContain(third.access_token)
  })

  it("asks for linking when the email already exists in CRM.COM with another password, and never registers it again", () => {
    const harness = new Harness()
    const contact = contactOf()
    const register = harness.next(contact, "register_contact")
    const exists = { code: "CONTACT_ALREADY_EXISTS", message: "A contact with this username already exists", attribute: "identity.username" }
    // maybe the plugin's own registration whose answer was lost: try the held password once
    expect(harness.answer(register, 400, exists)).toEqual({ again: true, last_sent: { $exists: "ada@example.com" } })
    expect(harness.problem).toBeUndefined()
    const authenticate = harness.next(contact, "authenticate_contact")
    expect(harness.request(authenticate).body).toEqual({ provider: "EMAIL", username: "ada@example.com", password: harness.credentials!.password })
    const settlement = harness.answer(authenticate, 401, { code: "INVALID_CREDENTIALS", message: "Invalid username or password", attribute: "username" })
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
    expect(harness.answer(register, 409, { code: "CONFLICT", message: "exists" })).toEqual(expect.objectContaining({ again: true }))
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
    expect(harness.answer(authenticate, 200, token)).toEqual(expect.objectContaining({ again: true, external_id: "CAD7", last_sent: {} }))
    // nothing of the registration is known as sent: everything goes in the first update
    const update = harness.next(contact, "update_contact")
    expect(harness.request(update).body).toEqual({ first_name: "Ada", last_name: "Lovelace", email_address: "ada@example.com", email_opt_out: false })
    harness.answer(update, 200, { id: "CAD7" })
    expect(harness.next(contact, "update_consents").payload).toEqual(expect.objectContaining({ consent_state: "ACCEPTED" }))
  })

  it("asks for linking at once when CRM.COM says the contact exists and no password is held", () => {
    const harness = new Harness()
    const register = harness.next(contactOf(), "register_contact")
    harness.state = { ...harness.state, credentials: null }
    const settlement = harness.answer(register, 400, { code: "CONTACT_ALREADY_EXISTS", message: "exists", attribute: "identity.username" })
    expect(settlement.problem).toEqual({ status: "needs_linking", reason: expect.stringMatching(/already exists in CRM.COM with a password the plugin does not hold/) })
    expect(harness.plan(contactOf())).toEqual(expect.objectContaining({ kind: "blocked", status: "needs_linking" }))
  })

  it("reports other refusals with the seed's error model, and a refused api_key as the store's, not the contact's", () => {
    const harness = new Harness()
    const register = harness.next(contactOf(), "register_contact")
    expect(harness.answer(register, 400, { code: "INVALID_VALUE", message: "not an email", attribute: "identity.username" })).toEqual({
      again: false,
      problem: { status: "error", reason: "CRM.COM refused to register the contact: CRM.COM answered 400: INVALID_VALUE not an email (attribute: identity.username)" },
    })
    const { password } = harness.credentials!
    const again = harness.next(contactOf(), "register_contact")
    // the held password is kept for the next try: it may be the one CRM.COM has
    expect(harness.credentials!.password).toBe(password)
    expect(harness.answer(again, 401, { code: "INVALID_API_KEY", message: "The provided API Key is invalid", attribute: "api_key" })).toEqual({ again: false })
    expect(harness.state.last_sent).toEqual({})
    const signedIn = new Harness()
    signedIn.answer(signedIn.next(contactOf(), "register_contact"), 200, tokenAnswer("CAD1"))
    signedIn.state = { ...signedIn.state, credentials: box.seal({ ...signedIn.credentials!, access_token: null }) }
    const refresh = signedIn.next(contactOf({ last_name: "King" }), "refresh_token")
    expect(signedIn.answer(refresh, 401, { code: "INVALID_API_KEY", message: "no", attribute: "api_key" })).toEqual({ again: false })
    expect(signedIn.credentials!.refresh_token).toEqual(expect.any(String))
  })

  it("stops after a fresh token is refused again and again, instead of looping", () => {
    const harness = new Harness()
    let contact = contactOf()
    harness.answer(harness.next(contact, "register_contact"), 200, tokenAnswer("CAD1"))
    contact = { ...contact, date_of_birth: "1815-12-10" }
    const rejected = { code: "INVALID_TOKEN", message: "The provided Token is invalid or has expired", attribute: "Authorization" }
    harness.answer(harness.next(contact, "update_contact"), 401, rejected)
    harness.answer(harness.next(contact, "refresh_token"), 200, tokenAnswer("CAD1"))
    expect(harness.answer(harness.next(contact, "update_contact"), 401, rejected)).toEqual({ again: true, credentials: expect.any(String) })
    // refused after a refresh too: sign in anew
    expect(harness.credentials).toEqual(expect.objectContaining({ access_token: null, refresh_token: null, rejections: 2 }))
    harness.answer(harness.next(contact, "authenticate_contact"), 200, tokenAnswer("CAD1"))
    const third = harness.answer(harness.next(contact, "update_contact"), 401, rejected)
    expect(third).toEqual({
      again: false,
      problem: { status: "error", reason: expect.stringMatching(/refused 3 access tokens of the contact in a row.*INVALID_TOKEN/) },
      credentials: expect.any(String),
    })
    expect(harness.credentials).toEqual(expect.objectContaining({ access_token: null, rejections: 0 }))
    // the next change starts over with a sign-in
    harness.next({ ...contact, last_name: "King" }, "authenticate_contact")
  })

  it("does not trust an expiry that is already past when the token is handed out (the seed's example is from 2019)", () => {
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
    harness.state = { ...harness.state, credentials: box.seal({ ...harness.credentials!, access_token: null, refresh_token: null }) }
    const authenticate = harness.next(contactOf({ last_name: "King" }), "authenticate_contact")
    expect(harness.answer(authenticate, 200, tokenAnswer("CAD2"))).toEqual(expect.objectContaining({ external_id: "CAD2", last_sent: {} }))
  })

  it("asks for a reset when CRM.COM no longer has the contact, and registers it anew after one", () => {
    const harness = new Harness()
    harness.answer(harness.next(contactOf(), "register_contact"), 200, tokenAnswer("CAD1"))
    const { password } = harness.credentials!
    const update = harness.next(contactOf(), "update_contact")
    expect(harness.answer(update, 404, { code: "NOT_FOUND", message: "The requested contact does not exist" })).toEqual({
      again: false,
      problem: { status: "error", reason: expect.stringMatching(/no contact CAD1 \(any more\): sync the contact again with reset.*NOT_FOUND/) },
      credentials: expect.any(String),
    })
    expect(harness.credentials).toEqual(expect.objectContaining({ confirmed: false, access_token: null }))
    // the admin's reset forgets the id and last_sent, not the credentials
    harness.state = { ...harness.state, external_id: null, last_sent: {} }
    const register = harness.next(contactOf(), "register_contact")
    expect(harness.request(register).body).toEqual(expect.objectContaining({ identity: expect.objectContaining({ password }) }))
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
    expect(known.plan(contactOf())).toEqual({ kind: "blocked", status: "needs_linking", reason: expect.stringMatching(/holds no CRM.COM password for contact CAD1/) })
    expect(known.plan(contactOf())).toEqual(expect.objectContaining({ kind: "blocked" }))

    const rekeyed = new Harness()
    rekeyed.answer(rekeyed.next(contactOf(), "register_contact"), 200, tokenAnswer("CAD1"))
    const otherKey = { ...options, encryption_key: "a-different-encryption-key" }
    const reason = expect.stringMatching(/cannot be opened with the configured encryption_key/)
    expect(sync.plan(contactOf({ last_name: "King" }), rekeyed.state, otherKey, context)).toEqual({ kind: "blocked", status: "error", reason })
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
    const noToken: EndedContactCall = { ...registered, operation: authenticate.operation, payload: authenticate.payload, sends: undefined }
    expect(sync.settle(noToken, harness.state, options)).toEqual({
      again: false,
      problem: { status: "error", reason: "CRM.COM answered authenticate_contact without an access token" },
    })
  })
})

describe("CRM.COM contact sync against the seed-checking stand-in", () => {
  const standIn = createCrmComStandIn({ apiKey: "crm-key" })
  let opts: CrmComOptions
  beforeAll(async () => {
    opts = { ...options, api_url: await standIn.start(0) }
  })
  afterAll(() => standIn.stop())
  beforeEach(() => standIn.reset())

  const forgetTokens = () => {
    for (const token of Object.keys(standIn.tokens)) delete standIn.tokens[token]
  }
  /** Plans and sends until the sync is done, blocked or stopped; returns the operations sent. */
  async function run(harness: Harness, contact: ContactSnapshot): Promise<string[]> {
    const sent: string[] = []
    for (let step = 0; step < 10; step++) {
      const plan = harness.plan(contact)
      if (plan.kind !== "call") {
        return sent
      }
      sent.push(plan.call.operation)
      const settlement = await harness.send(plan.call)
      if (!settlement.again) {
        return sent
      }
    }
    throw new Error(`no end after ${sent.join(", ")}`)
  }

  it("registers, updates only changes, recovers from refused and expired tokens, and asks for linking as the seed's answers say", async () => {
    const harness = new Harness(opts)
    let contact = contactOf({ date_of_birth: "1815-12-10", consents: { email_marketing: consent("True"), sms_marketing: consent("False") } })
    expect(await run(harness, contact)).toEqual(["register_contact", "update_contact"])
    const id = harness.state.external_id!
    expect(standIn.contacts[id]).toEqual(
      expect.objectContaining({
        first_name: "Ada",
        last_name: "Lovelace",
        username: "ada@example.com",
        password: harness.credentials!.password,
        email_address: "ada@example.com",
        demographics: { date_of_birth: { year: 1815, month: 12, day: 10 } },
        email_opt_out: false,
        sms_opt_out: true,
        consent_state: "ACCEPTED",
      })
    )
    expect(await run(harness, contact)).toEqual([])

    // CRM.COM ends the token before its exp: refused, refreshed, sent again
    standIn.expireTokens()
    contact = { ...contact, consents: { ...contact.consents, email_marketing: consent("False") } }
    expect(await run(harness, contact)).toEqual(["update_contact", "refresh_token", "update_contact", "update_consents"])
    expect(standIn.contacts[id]).toEqual(expect.objectContaining({ email_opt_out: true, consent_state: "REJECTED" }))

    // past its exp: refreshed first; the refresh refused (CRM.COM forgot the token): signed in with the password
    now += 2 * 3600 * 1000
    forgetTokens()
    contact = { ...contact, last_name: "King" }
    expect(await run(harness, contact)).toEqual(["refresh_token", "authenticate_contact", "update_contact"])
    expect(standIn.contacts[id].last_name).toBe("King")

    // the password changed in CRM.COM: needs linking, and stays so
    standIn.contacts[id].password = "changed-in-crm"
    forgetTokens()
    contact = { ...contact, first_name: "Augusta Ada" }
    expect(await run(harness, contact)).toEqual(["update_contact", "refresh_token", "authenticate_contact"])
    expect(harness.problem).toEqual({ status: "needs_linking", reason: expect.stringMatching(/refused the plugin's password for ada@example.com.*INVALID_CREDENTIALS/) })
    expect(await run(harness, { ...contact, last_name: "Byron" })).toEqual([])
    expect(harness.plan(contact)).toEqual(expect.objectContaining({ kind: "blocked", status: "needs_linking" }))

    // another customer with the same email: CONTACT_ALREADY_EXISTS, the held password refused, linking
    const other = new Harness(opts)
    expect(await run(other, contactOf({ customer_id: "cus_2" }))).toEqual(["register_contact", "authenticate_contact"])
    expect(other.problem).toEqual({ status: "needs_linking", reason: expect.stringMatching(/^ada@example.com already exists in CRM.COM with a password the plugin does not hold/) })
    expect(await run(other, contactOf({ customer_id: "cus_2", first_name: "Eve" }))).toEqual([])

    expect(standIn.violations()).toEqual([])
    harness.expectNoSecretsStored()
    other.expectNoSecretsStored()
  })

  it("finds its own registration when the answer was lost and the outbox sent it again", async () => {
    const harness = new Harness(opts)
    const contact = contactOf()
    const register = harness.next(contact, "register_contact")
    // CRM.COM took the first attempt, but its answer never came back
    await attemptDelivery(crmComPlatform as unknown as EngagementPlatform<CommonPlatformOptions>, opts, {
      id: "lost",
      platform: "crmcom",
      operation: register.operation,
      payload: register.payload,
      idempotency_key: "lost",
      attempts: 1,
    })
    expect(await harness.send(register)).toEqual({ again: true, last_sent: { $exists: "ada@example.com" } })
    expect(await run(harness, contact)).toEqual(["authenticate_contact", "update_contact"])
    expect(Object.keys(standIn.contacts)).toEqual([harness.state.external_id])
    expect(standIn.violations()).toEqual([])
  })
})
