import { createSecretBox } from "../../src/utils/secret-box"
import { attemptDelivery } from "../../src/modules/engagement/outbox/send"
import crmComPlatform from "../../src/providers/crmcom/platform"
import { crmComOptionsSchema } from "../../src/providers/crmcom/options"
import engagePlatform from "../../src/providers/engage/platform"
import { engageOptionsSchema } from "../../src/providers/engage/options"
import expertSenderPlatform from "../../src/providers/expertsender/platform"
import { expertSenderOptionsSchema } from "../../src/providers/expertsender/options"
import type { CommonPlatformOptions, EngagementPlatform } from "../../src/provider-api/types"
import { createCrmComStandIn } from "./crmcom"
import { createEngageStandIn } from "./engage"
import { createExpertSenderStandIn } from "./expertsender"

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
