import type { ErasureContact } from "../provider-api/capabilities"
import { providersWith } from "../modules/engagement/provider-registry"
import { scrub } from "../modules/engagement/privacy/erase"
import { CrmComProvider } from "./crmcom"
import { boxOf } from "./crmcom/secrets"
import { EngageProvider } from "./engage"
import { ExpertSenderProvider } from "./expertsender"
import { RecensusProvider } from "./recensus"
import { RejoinerProvider } from "./rejoiner"

const CRM_OPTIONS = {
  api_url: "https://crm.example/self-service/v1",
  api_key: "k",
  encryption_key: "a-test-encryption-key",
}

const contact = (overrides: Partial<ErasureContact> = {}): ErasureContact => ({
  erasure_id: "engera_1",
  customer_id: "cus_1",
  email: "ada@example.com",
  phone: "+15550100",
  crm_id: null,
  external_id: null,
  credentials: null,
  ...overrides,
})

describe("the erasure capability", () => {
  const rejoiner = new RejoinerProvider({}, { api_url: "https://rj.example/api/v1/site", api_key: "k" })
  const expertsender = new ExpertSenderProvider(
    {},
    { api_url: "https://es.example", api_key: "k", consent_ids: { email_marketing: 1, sms_marketing: 2 } }
  )
  const engage = new EngageProvider({ logger: console }, { api_url: "https://engage.example", api_key: "k" })
  const crmcom = new CrmComProvider({}, CRM_OPTIONS)
  const recensus = new RecensusProvider(
    {},
    { api_url: "https://rc.example", merchant_id: "1", token: "t", shared_secret: "s" }
  )

  it("is offered by every platform, the review platform with no stop call (its API has none) but what it holds", () => {
    expect(providersWith([rejoiner, expertsender, engage, crmcom, recensus], "erasure").map(({ id }) => id)).toEqual([
      "rejoiner",
      "expertsender",
      "engage",
      "crmcom",
      "recensus",
    ])
    expect(recensus.capabilities().erasure!.buildStopCalls(contact())).toEqual([])
    expect(recensus.capabilities().erasure!.stillHeld(contact()).join(" ")).toMatch(/no cancellation or deletion/)
  })

  it("builds each platform's stop calls, keyed by the erasure, and says what the platform still holds", () => {
    const rj = rejoiner.capabilities().erasure!.buildStopCalls(contact())
    expect(
      rj.map(({ operation, payload, idempotency_key, subject_id }) => [operation, payload, idempotency_key, subject_id])
    ).toEqual([
      ["unsubscribe", { email: "ada@example.com" }, "erasure:engera_1:rejoiner:unsubscribe", "engera_1"],
      ["cancel", { email: "ada@example.com" }, "erasure:engera_1:rejoiner:cancel", "engera_1"],
    ])
    expect(
      expertsender
        .capabilities()
        .erasure!.buildStopCalls(contact())
        .map(({ payload }) => payload)
    ).toEqual([
      {
        mode: "Update",
        matchBy: "Email",
        data: [
          {
            email: "ada@example.com",
            consentsData: {
              consents: [
                { id: 1, value: "False" },
                { id: 2, value: "False" },
              ],
            },
          },
        ],
      },
    ])
    expect(
      engage
        .capabilities()
        .erasure!.buildStopCalls(contact({ external_id: "c-1" }))
        .map(({ payload }) => payload)
    ).toEqual([{ contact_id: "c-1", changes: { acceptsEmail: false, acceptsSms: false } }])
    for (const provider of [rejoiner, expertsender, engage, crmcom]) {
      expect(provider.capabilities().erasure!.stillHeld(contact()).length).toBeGreaterThan(0)
    }
  })

  it("sends nothing it cannot address, and says so", () => {
    expect(rejoiner.capabilities().erasure!.buildStopCalls(contact({ email: null }))).toEqual([])
    expect(engage.capabilities().erasure!.buildStopCalls(contact())).toEqual([])
    expect(engage.capabilities().erasure!.stillHeld(contact()).join(" ")).toMatch(/by hand/)
    // CRM.COM acts only as the contact, with its own live token
    expect(crmcom.capabilities().erasure!.buildStopCalls(contact({ external_id: "crm-1" }))).toEqual([])
    expect(
      crmcom
        .capabilities()
        .erasure!.stillHeld(contact({ external_id: "crm-1" }))
        .join(" ")
    ).toMatch(/by hand/)
    const expired = boxOf(CRM_OPTIONS).seal({
      username: "ada@example.com",
      password: "p",
      access_token: "tok",
      expires_at: "2000-01-01T00:00:00Z",
    })
    expect(
      crmcom.capabilities().erasure!.buildStopCalls(contact({ external_id: "crm-1", credentials: expired }))
    ).toEqual([])
  })

  it("sends CRM.COM the opt-outs and the rejected consent state with the contact's token, sealed", () => {
    const live = boxOf(CRM_OPTIONS).seal({
      username: "ada@example.com",
      password: "p",
      access_token: "tok",
      expires_at: null,
    })
    const calls = crmcom.capabilities().erasure!.buildStopCalls(contact({ external_id: "crm-1", credentials: live }))
    expect(calls.map(({ operation }) => operation)).toEqual(["update_contact", "update_consents"])
    expect(calls[0].payload).toEqual(
      expect.objectContaining({ contact_id: "crm-1", contact: { email_opt_out: true, sms_opt_out: true } })
    )
    expect(calls[1].payload).toEqual(expect.objectContaining({ contact_id: "crm-1", consent_state: "REJECTED" }))
    expect(JSON.stringify(calls)).not.toContain('"tok"')
    expect(boxOf(CRM_OPTIONS).open(String(calls[0].payload.access_token_sealed))).toBe("tok")
  })
})

describe("scrub", () => {
  it("replaces every string holding one of the shopper's values, and nothing else", () => {
    const batch = {
      mode: "AddOrUpdate",
      data: [
        { email: "ADA@example.com", firstName: "Ada" },
        { email: "bob@example.com", firstName: "Bob" },
      ],
    }
    expect(scrub(batch, ["ada@example.com", "Ada"])).toEqual({
      mode: "AddOrUpdate",
      data: [
        { email: "[erased]", firstName: "[erased]" },
        { email: "bob@example.com", firstName: "Bob" },
      ],
    })
  })
})
