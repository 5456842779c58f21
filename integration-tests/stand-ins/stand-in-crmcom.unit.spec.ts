import { decodeJwtSub } from "../../src/providers/crmcom/platform"
import { createCrmComStandIn, CrmComStandIn } from "./crmcom"
import { giveRewards } from "./crmcom-rewards"
import { call, field } from "../helpers/http"

describe("CRM.COM stand-in", () => {
  let standIn: CrmComStandIn
  let base = ""
  const app = { api_key: "crm-key", "Content-Type": "application/json" }
  const registration = {
    first_name: "John",
    last_name: "Doe",
    identity: { provider: "EMAIL", username: "johndoe@crm.com", password: "12345", validation_required: false },
    service_acceptance: "true",
  }
  beforeAll(async () => {
    standIn = createCrmComStandIn({ apiKey: "crm-key", tokenTtlSeconds: 600 })
    base = await standIn.start(0)
  })
  afterAll(() => standIn.stop())
  beforeEach(() => standIn.reset())

  it("registers with a JWT whose sub is the new contact, updates with it, 401 once expired, then refreshes", async () => {
    const registered = await call(base, "POST", "/contacts/register", app, registration)
    expect(registered.status).toBe(200)
    const contactId = decodeJwtSub(field(registered, "access_token"))!
    expect(standIn.contacts[contactId]).toEqual(expect.objectContaining({ first_name: "John" }))
    expect(Number(field(registered, "exp"))).toBeGreaterThan(Date.now() / 1000)
    const bearer = (token: string) => ({ ...app, Authorization: `Bearer ${token}` })

    const consents = () =>
      call(base, "PUT", `/contacts/${contactId}/consents`, bearer(field(registered, "access_token")), {
        consent_state: "ACCEPTED",
      })
    expect(await consents()).toEqual({ status: 200, body: { id: contactId } })
    standIn.expireTokens()
    expect(await consents()).toEqual({
      status: 401,
      body: expect.objectContaining({ code: "INVALID_TOKEN", attribute: "Authorization" }),
    })

    const refreshed = await call(base, "POST", "/contacts/refresh", app, {
      refresh_token: field(registered, "access_token"),
    })
    expect(refreshed.status).toBe(200)
    const updated = await call(base, "PUT", `/contacts/${contactId}`, bearer(field(refreshed, "access_token")), {
      last_name: "Smith",
      demographics: { gender: "MALE" },
    })
    expect(updated).toEqual({ status: 200, body: { id: contactId } })
    expect(standIn.violations()).toEqual([])
  })

  it("authenticates by username and password and refuses a taken username with the API's error model", async () => {
    await call(base, "POST", "/contacts/register", app, registration)
    const again = await call(base, "POST", "/contacts/register", app, registration)
    expect(again).toEqual({
      status: 400,
      body: { code: "CONTACT_ALREADY_EXISTS", message: expect.any(String), attribute: "identity.username" },
    })
    const credentials = { provider: "EMAIL", username: "johndoe@crm.com" }
    expect(
      (await call(base, "POST", "/contacts/authenticate", app, { ...credentials, password: "12345" })).status
    ).toBe(200)
    expect((await call(base, "POST", "/contacts/authenticate", app, { ...credentials, password: "nope" })).status).toBe(
      401
    )
    expect(
      (
        await call(
          base,
          "POST",
          "/contacts/authenticate",
          { ...app, api_key: "wrong" },
          { ...credentials, password: "12345" }
        )
      ).status
    ).toBe(401)
  })

  it("flags a register without validation_required, a contact call without a token and a bad consent state", async () => {
    const { validation_required: _dropped, ...identity } = registration.identity
    expect((await call(base, "POST", "/contacts/register", app, { ...registration, identity })).status).toBe(400)
    const registered = await call(base, "POST", "/contacts/register", app, registration)
    const contactId = decodeJwtSub(field(registered, "access_token"))
    expect(
      (await call(base, "PUT", `/contacts/${contactId}/consents`, app, { consent_state: "accepted" })).status
    ).toBe(400)
    expect(standIn.violations()).toEqual([
      expect.stringContaining("body.identity.validation_required"),
      expect.stringContaining("header Authorization"),
      expect.stringContaining("body.consent_state"),
    ])
  })
})

describe("CRM.COM stand-in: the shopper's rewards writes", () => {
  let standIn: CrmComStandIn
  let base = ""
  beforeAll(async () => {
    standIn = createCrmComStandIn({ apiKey: "crm-key" })
    base = await standIn.start(0)
  })
  afterAll(() => standIn.stop())
  beforeEach(() => standIn.reset())

  it("signs up and out as the API's examples, flags a call that breaks its contract, and fails one route on demand", async () => {
    const contactId = "C1"
    const { access_token } = standIn.issueToken(contactId)
    const rewards = giveRewards(standIn, contactId, {
      currency_code: "EUR",
      rewards: {},
      balances: [],
      schemes: [{ id: "S1", name: "Open", sign_up_option: "SELF_SIGN_UP", is_joined: "false" }],
    })
    const headers = { api_key: "crm-key", "Content-Type": "application/json", Authorization: `Bearer ${access_token}` }
    const path = `/accounts/${rewards.account_id}/reward_schemes`
    expect(await call(base, "POST", path, headers, { action: "SIGNUP", reward_scheme_id: "S1" })).toEqual({
      status: 200,
      body: { id: "S1" },
    })
    expect(rewards.schemes[0].is_joined).toBe("true")
    expect(standIn.violations()).toEqual([])

    // the API's actions are SIGNUP and SIGNOUT, and a contact call needs the token
    expect((await call(base, "POST", path, headers, { action: "JOIN", reward_scheme_id: "S1" })).status).toBe(400)
    const { Authorization: _token, ...withoutToken } = headers
    expect((await call(base, "POST", "/referrals", withoutToken, { referral_code: "R1" })).status).toBe(400)
    expect(standIn.violations()).toEqual([
      expect.stringContaining("body.action"),
      expect.stringContaining("header Authorization"),
    ])

    standIn.failNextOn("account_reward_schemes", 1, { kind: "status", status: 503 })
    expect((await call(base, "GET", `/reward_schemes`, headers)).status).toBe(200)
    expect((await call(base, "POST", path, headers, { action: "SIGNOUT", reward_scheme_id: "S1" })).status).toBe(503)
    expect(rewards.schemes[0].is_joined).toBe("true")
    expect((await call(base, "POST", path, headers, { action: "SIGNOUT", reward_scheme_id: "S1" })).status).toBe(200)
    expect(rewards.schemes[0].is_joined).toBe("false")
  })
})
