import { contactTransactionsRequest, promotionAssignmentsRequest } from "../../src/providers/engage/my-pages"
import { createEngageStandIn, EngageStandIn } from "./engage"
import { createExpertSenderStandIn } from "./expertsender"
import { call, field } from "../helpers/http"

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
