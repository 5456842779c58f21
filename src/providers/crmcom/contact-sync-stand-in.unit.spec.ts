import { Harness, advanceClock, consent, contactOf, options } from "./__tests__/harness"
import crmComPlatform from "./platform"
import { createCrmComStandIn } from "../../../integration-tests/stand-ins/crmcom"
import { attemptDelivery } from "../../modules/engagement/outbox/send"
import type { CommonPlatformOptions } from "../../provider-api/types"
import type { ContactSnapshot } from "../../provider-api/types"
import type { EngagementPlatform } from "../../provider-api/types"
import type { CrmComOptions } from "./options"

describe("CRM.COM contact sync against the contract-checking stand-in", () => {
  const standIn = createCrmComStandIn({ apiKey: "crm-key" })
  let opts: CrmComOptions
  beforeAll(async () => {
    opts = { ...options, api_url: await standIn.start(0) }
  })
  afterAll(() => standIn.stop())
  beforeEach(() => standIn.reset())

  const forgetTokens = () => {
    for (const token of Object.keys(standIn.tokens)) {
      delete standIn.tokens[token]
    }
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

  it("registers, updates only changes, recovers from refused and expired tokens, and asks for linking as the API's answers say", async () => {
    const harness = new Harness(opts)
    let contact = contactOf({
      date_of_birth: "1815-12-10",
      consents: { email_marketing: consent("True"), sms_marketing: consent("False") },
    })
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
    expect(await run(harness, contact)).toEqual([
      "update_contact",
      "refresh_token",
      "update_contact",
      "update_consents",
    ])
    expect(standIn.contacts[id]).toEqual(expect.objectContaining({ email_opt_out: true, consent_state: "REJECTED" }))

    // past its exp: refreshed first; the refresh refused (CRM.COM forgot the token): signed in with the password
    advanceClock(2 * 3600 * 1000)
    forgetTokens()
    contact = { ...contact, last_name: "King" }
    expect(await run(harness, contact)).toEqual(["refresh_token", "authenticate_contact", "update_contact"])
    expect(standIn.contacts[id].last_name).toBe("King")

    // the password changed in CRM.COM: needs linking, and stays so
    standIn.contacts[id].password = "changed-in-crm"
    forgetTokens()
    contact = { ...contact, first_name: "Augusta Ada" }
    expect(await run(harness, contact)).toEqual(["update_contact", "refresh_token", "authenticate_contact"])
    expect(harness.problem).toEqual({
      status: "needs_linking",
      reason: expect.stringMatching(/refused the plugin's password for ada@example.com.*INVALID_CREDENTIALS/),
    })
    expect(await run(harness, { ...contact, last_name: "Byron" })).toEqual([])
    expect(harness.plan(contact)).toEqual(expect.objectContaining({ kind: "blocked", status: "needs_linking" }))

    // another customer with the same email: CONTACT_ALREADY_EXISTS, the held password refused, linking
    const other = new Harness(opts)
    expect(await run(other, contactOf({ customer_id: "cus_2" }))).toEqual(["register_contact", "authenticate_contact"])
    expect(other.problem).toEqual({
      status: "needs_linking",
      reason: expect.stringMatching(
        /^ada@example.com already exists in CRM.COM with a password the plugin does not hold/
      ),
    })
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
