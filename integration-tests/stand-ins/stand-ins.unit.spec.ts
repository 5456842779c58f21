import { createSecretBox } from "../../src/utils/secret-box"
import { attemptDelivery } from "../../src/modules/engagement/outbox/send"
import crmComPlatform, { decodeJwtSub } from "../../src/providers/crmcom/platform"
import { crmComOptionsSchema } from "../../src/providers/crmcom/options"
import engagePlatform from "../../src/providers/engage/platform"
import { contactTransactionsRequest, promotionAssignmentsRequest } from "../../src/providers/engage/my-pages"
import { engageOptionsSchema } from "../../src/providers/engage/options"
import expertSenderPlatform from "../../src/providers/expertsender/platform"
import { expertSenderOptionsSchema } from "../../src/providers/expertsender/options"
import type { CommonPlatformOptions, EngagementPlatform } from "../../src/modules/engagement/provider-api/types"
import { createCrmComStandIn, CrmComStandIn } from "./crmcom"
import { giveRewards } from "./crmcom-rewards"
import { createEngageStandIn, EngageStandIn } from "./engage"
import { createExpertSenderStandIn } from "./expertsender"

async function call(base: string, method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = text ? JSON.parse(text) : null
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed }
}

/** One field of a JSON object answer, as text. */
const field = (answer: { body: unknown }, key: string): string => String((answer.body as Record<string, unknown>)[key])

describe("ExpertSender stand-in", () => {
  const standIn = createExpertSenderStandIn({ apiKey: "es-key" })
  let base = ""
  const headers = { "x-api-key": "es-key", "Content-Type": "application/json", Accept: "application/json" }
  beforeAll(async () => (base = await standIn.start(0)))
  afterAll(() => standIn.stop())
  beforeEach(() => standIn.reset())

  it("creates a customer from a valid upsert and finds it by email, phone and crmId", async () => {
    const customer = {
      email: "ada@example.com",
      phone: "123456789",
      crmId: "cus_1",
      gender: "Female",
      dateOfBirth: "1990-07-26T00:00:00.000Z",
    }
    const created = await call(base, "POST", "/customers", headers, {
      mode: "AddOrUpdate",
      matchBy: "Email",
      data: [customer],
    })
    expect(created.status).toBe(201)
    expect(standIn.violations()).toEqual([])
    for (const path of [
      "/customers/email/ada%40example.com",
      "/customers/phone/123456789",
      "/customers/crmId/cus_1",
      "/customers/id/1",
    ]) {
      const found = await call(base, "GET", path, { "x-api-key": "es-key" })
      expect(found).toEqual({
        status: 200,
        body: { status: 0, data: expect.objectContaining({ email: "ada@example.com" }) },
      })
    }
    expect((await call(base, "GET", "/customers/email/nobody%40example.com", { "x-api-key": "es-key" })).status).toBe(
      404
    )
  })

  it("flags fields that break the API and answers 400", async () => {
    const invalid = {
      email: "x".repeat(321),
      phone: "123 456",
      gender: "female",
      dateOfBirth: "1990-07-26",
      consentsData: { consents: [{ id: 1, value: "Yes" }] },
    }
    const answer = await call(base, "POST", "/customers", headers, {
      mode: "Upsert",
      matchBy: "CrmId",
      data: [invalid],
    })
    expect(answer.status).toBe(400)
    const violations = standIn.violations().join("\n")
    for (const field of [
      "body.mode",
      "data.0.email",
      "data.0.phone",
      "data.0.gender",
      "data.0.dateOfBirth",
      "consents.0.value",
      "data.0.crmId",
    ]) {
      expect(violations).toContain(field)
    }
  })

  it("answers 401 to a wrong key and calls a missing key a violation", async () => {
    expect((await call(base, "GET", "/customers/id/1", { "x-api-key": "wrong" })).status).toBe(401)
    expect(standIn.violations()).toEqual([])
    await call(base, "GET", "/customers/id/1", {})
    expect(standIn.violations()).toEqual([expect.stringContaining("header x-api-key")])
  })
})

describe("Engage stand-in", () => {
  let standIn: EngageStandIn
  let base = ""
  const headers = { apikey: "vy-key", "Content-Type": "application/json", Accept: "application/json" }
  beforeAll(async () => {
    standIn = createEngageStandIn({ apiKey: "vy-key", ambiguous: ["twins@example.com"] })
    base = await standIn.start(0)
  })
  afterAll(() => standIn.stop())
  beforeEach(() => standIn.reset())

  it("looks up (404, then the id), creates (201), patches changes and upgrades the type", async () => {
    const lookup = () => call(base, "GET", "/api/v3/contacts/id?email=ada%40example.com", { apikey: "vy-key" })
    expect((await lookup()).status).toBe(404)
    const created = await call(base, "POST", "/api/v3/contacts", headers, {
      email: "ada@example.com",
      firstName: "Ada",
    })
    expect(created.status).toBe(201)
    expect(await lookup()).toEqual({ status: 200, body: field(created, "id") })
    const patched = await call(base, "PATCH", `/api/v3/contacts/${field(created, "id")}`, headers, {
      lastName: "Lovelace",
    })
    expect(patched.body).toEqual(expect.objectContaining({ firstName: "Ada", lastName: "Lovelace" }))
    const upgraded = await call(
      base,
      "POST",
      `/api/v3/contacts/${field(created, "id")}/updateContactType?contactTypeId=Member`,
      { apikey: "vy-key" }
    )
    expect(field(upgraded, "contactType")).toBe("Member")
    expect(standIn.violations()).toEqual([])
  })

  it("answers 409 to an ambiguous lookup and takes bulk calls (202)", async () => {
    expect(
      (await call(base, "GET", "/api/v3/contacts/id?email=twins%40example.com", { apikey: "vy-key" })).status
    ).toBe(409)
    standIn.markAmbiguous("+46700000000")
    expect(
      (await call(base, "GET", "/api/v3/contacts/id?mobilePhone=%2B46700000000", { apikey: "vy-key" })).status
    ).toBe(409)
    const bulk = await call(base, "POST", "/api/v3/contacts/bulk", headers, [{ email: "b@example.com" }])
    expect(bulk).toEqual({ status: 202, body: { batchId: expect.any(String) } })
    expect(
      (await call(base, "PATCH", "/api/v3/contacts/bulk", headers, [{ email: "b@example.com", city: "Lund" }])).status
    ).toBe(202)
    expect(Object.values(standIn.contacts)).toEqual([expect.objectContaining({ email: "b@example.com", city: "Lund" })])
    expect(standIn.violations()).toEqual([])
  })

  it("refuses null or empty values in a PATCH and a contact type change through it", async () => {
    const id = standIn.addContact({ email: "c@example.com", lastName: "Keep" })
    const answer = await call(base, "PATCH", `/api/v3/contacts/${id}`, headers, {
      lastName: "",
      city: null,
      contactType: "Member",
    })
    expect(answer.status).toBe(400)
    expect(standIn.violations()).toEqual([
      expect.stringContaining("body.lastName"),
      expect.stringContaining("body.city"),
      expect.stringContaining("body.contactType"),
    ])
    expect(standIn.contacts[id].lastName).toBe("Keep")
    expect((await call(base, "PATCH", "/api/v3/contacts/unknown", headers, { city: "Lund" })).status).toBe(404)
  })

  it("answers the plugin's My pages reads: a contact's promotions of one channel and a page of its transactions", async () => {
    const id = standIn.addContact({ email: "d@example.com" })
    standIn.assignPromotion(id, {
      name: "Online",
      redemptionChannels: [{ type: "ECOM", valueType: "EXTERNALOFFER", value: "X" }],
    })
    standIn.assignPromotion(id, {
      name: "In store",
      redemptionChannels: [{ type: "POS", valueType: "PERCENT", value: "10" }],
    })
    standIn.addTransaction(id, { receiptNumber: "R-1" })
    standIn.addTransaction(id, { receiptNumber: "R-2", type: "RETURN" })
    const options = { api_url: base, api_key: "vy-key" }
    const send = (request: { method: string; url: string; headers: Record<string, string> }) =>
      call("", request.method, request.url, request.headers)

    const promotions = await send(promotionAssignmentsRequest(options, id, "ECOM"))
    expect(promotions).toEqual({ status: 200, body: [expect.objectContaining({ name: "Online" })] })
    const page = await send(contactTransactionsRequest(options, id, { offset: 1, limit: 1 }))
    expect(page).toEqual({
      status: 200,
      body: { count: 1, offset: 1, totalCount: 2, items: [expect.objectContaining({ receiptNumber: "R-2" })] },
    })
    expect((await send(promotionAssignmentsRequest(options, "unknown", "ECOM"))).status).toBe(404)
    expect(standIn.violations()).toEqual([])
  })

  it("flags My pages reads that break the contract", async () => {
    const key = { apikey: "vy-key" }
    await call(base, "GET", "/api/v3/promotion-assignments?redemptionChannelType=WEB", key)
    await call(base, "GET", "/api/v3/contacts/transactions?contactId=x&count=500&limit=3", key)
    await call(base, "GET", "/api/v3/contacts/transactions?contactId=x", {})
    expect(standIn.violations().join("\n")).toEqual(
      expect.stringMatching(
        /query\.contactId: required[\s\S]*query\.redemptionChannelType[\s\S]*query\.limit[\s\S]*query\.count[\s\S]*apikey/
      )
    )
  })
})

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

describe("the providers against their stand-ins", () => {
  const expertSender = createExpertSenderStandIn({ apiKey: "es-key" })
  const engage = createEngageStandIn({ apiKey: "vy-key" })
  const crmCom = createCrmComStandIn({ apiKey: "crm-key" })
  const urls: Record<string, string> = {}
  beforeAll(async () => {
    urls.expertsender = await expertSender.start(0)
    urls.engage = await engage.start(0)
    urls.crmcom = await crmCom.start(0)
  })
  afterAll(() => Promise.all([expertSender.stop(), engage.stop(), crmCom.stop()]))

  let n = 0
  const send = <O extends CommonPlatformOptions>(
    platform: EngagementPlatform<O>,
    options: O,
    operation: string,
    payload: Record<string, unknown>
  ) =>
    // the outbox holds every platform by its common options, as the registry does
    attemptDelivery(platform as unknown as EngagementPlatform<CommonPlatformOptions>, options, {
      id: `engdel_${++n}`,
      platform: platform.id,
      operation,
      payload,
      idempotency_key: `k${n}`,
      attempts: 1,
    })

  it("ExpertSender: upsert, then look the customer up", async () => {
    const options = expertSenderOptionsSchema.parse({ api_url: urls.expertsender, api_key: "es-key" })
    const data = [
      { email: "ada@example.com", phone: "123456789", consentsData: { consents: [{ id: 1, value: "True" }] } },
    ]
    expect((await send(expertSenderPlatform, options, "upsert_customers", { mode: "AddOrUpdate", data })).kind).toBe(
      "delivered"
    )
    const found = await send(expertSenderPlatform, options, "get_customer_by_phone", { value: "123 456 789" })
    expect(found).toEqual(
      expect.objectContaining({ kind: "delivered", summary: expect.objectContaining({ found: true }) })
    )
    expect(expertSender.violations()).toEqual([])
  })

  it("Engage: lookup misses, create keeps the id, lookup finds it, update and upgrade pass", async () => {
    const options = engageOptionsSchema.parse({ api_url: urls.engage, api_key: "vy-key", contact_type_id: "Member" })
    const identifier = { value: "ada@example.com" }
    expect(await send(engagePlatform, options, "lookup_contact", { identifier })).toEqual(
      expect.objectContaining({ kind: "delivered", external_id: null })
    )
    const created = await send(engagePlatform, options, "create_contact", { contact: { email: "ada@example.com" } })
    const id = created.kind === "delivered" ? created.external_id : null
    expect(id).toEqual(expect.any(String))
    expect(await send(engagePlatform, options, "lookup_contact", { identifier })).toEqual(
      expect.objectContaining({ external_id: id })
    )
    expect(
      (await send(engagePlatform, options, "update_contact", { contact_id: id, changes: { city: "Lund", street: "" } }))
        .kind
    ).toBe("delivered")
    expect((await send(engagePlatform, options, "update_contact_type", { contact_id: id })).kind).toBe("delivered")
    expect(engage.violations()).toEqual([])
  })

  it("CRM.COM: register gives the contact id and token; an expired token fails until refreshed", async () => {
    const options = crmComOptionsSchema.parse({
      api_url: urls.crmcom,
      api_key: "crm-key",
      encryption_key: "crm-encryption-key-0123",
    })
    const box = createSecretBox(options.encryption_key)
    const identity = { provider: "EMAIL", username: "john@crm.com", password_sealed: box.seal("pw") }
    const registered = await send(crmComPlatform, options, "register_contact", {
      first_name: "J",
      last_name: "D",
      identity,
    })
    expect(registered.kind).toBe("delivered")
    const summary = registered.kind === "delivered" ? registered.summary! : {}
    const secrets = registered.kind === "delivered" ? registered.secrets! : {}
    // tokens are handed over as secrets, never kept in the outbox's summary
    expect(JSON.stringify(summary)).not.toContain(String(secrets.access_token))
    const consent = (token: unknown) =>
      send(crmComPlatform, options, "update_consents", {
        contact_id: summary.contact_id,
        access_token_sealed: box.seal(token),
        consent_state: "ACCEPTED",
      })
    expect(await consent(secrets.access_token)).toEqual(
      expect.objectContaining({ kind: "delivered", external_id: summary.contact_id })
    )
    crmCom.expireTokens()
    expect(await consent(secrets.access_token)).toEqual(
      expect.objectContaining({ kind: "failed", summary: expect.objectContaining({ token_rejected: true }) })
    )
    const refreshed = await send(crmComPlatform, options, "refresh_token", {
      refresh_token_sealed: box.seal(secrets.refresh_token),
    })
    expect(refreshed).toEqual(expect.objectContaining({ kind: "delivered", external_id: summary.contact_id }))
    const token = refreshed.kind === "delivered" ? refreshed.secrets?.access_token : null
    expect((await consent(token)).kind).toBe("delivered")
    expect(crmCom.violations()).toEqual([])
  })
})
