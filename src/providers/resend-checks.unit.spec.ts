import crmComPlatform from "./crmcom/platform"
import { crmComOptionsSchema } from "./crmcom/options"
import engagePlatform from "./engage/platform"
import { engageOptionsSchema } from "./engage/options"
import expertSenderPlatform from "./expertsender/platform"
import { expertSenderOptionsSchema } from "./expertsender/options"
import rejoinerPlatform from "./rejoiner/platform"
import { rejoinerOptionsSchema } from "./rejoiner/options"
import { createSecretBox } from "../utils/secret-box"
import type { OutboundMessage, PlatformResponse } from "../provider-api/types"

const message = (
  platform: string,
  operation: string,
  payload: Record<string, unknown>,
  in_doubt = true
): OutboundMessage => ({
  id: "engdel_1",
  platform,
  operation,
  idempotency_key: "k",
  attempts: 2,
  payload,
  in_doubt,
})
const answer = (status: number, body: unknown = null): PlatformResponse => ({ status, headers: {}, body })
const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url")
const token = `x.${part({ sub: "crm-contact-1", exp: Math.floor(Date.now() / 1000) + 3600 })}.y`

describe("a resend after an unknown outcome", () => {
  describe("Engage create_contact", () => {
    const options = engageOptionsSchema.parse({ api_url: "https://shop.voyado.com", api_key: "vy-key" })
    const create = message("engage", "create_contact", { contact: { email: "ada@example.com", firstName: "Ada" } })

    it("looks the contact up by email first: found is the earlier create, 404 sends the create now", () => {
      const check = engagePlatform.resendCheck!(create, options)!
      expect(check.request).toEqual(
        expect.objectContaining({
          method: "GET",
          url: "https://shop.voyado.com/api/v3/contacts/id?email=ada%40example.com",
        })
      )
      expect(check.interpret(answer(200, "c-42"))).toEqual({
        kind: "delivered",
        external_id: "c-42",
        summary: { status: 200, already_existed: true },
      })
      expect(check.interpret(answer(404, { code: "ContactNotFound" }))).toBeNull()
      expect(check.interpret(answer(503))).toEqual(expect.objectContaining({ kind: "retry" }))
    })

    it("asks nothing before an update, which sets values and can be sent twice", () => {
      expect(
        engagePlatform.resendCheck!(
          message("engage", "update_contact", { contact_id: "c-1", changes: { a: 1 } }),
          options
        )
      ).toBeUndefined()
    })

    it("takes 'already exists' as delivered only for a resend of its own create", () => {
      const exists = answer(409, { code: "ContactAlreadyExists" })
      expect(engagePlatform.classifyResponse!(exists, create, options)).toEqual(
        expect.objectContaining({ kind: "delivered", summary: expect.objectContaining({ already_existed: true }) })
      )
      expect(engagePlatform.classifyResponse!(exists, { ...create, in_doubt: false }, options).kind).toBe("failed")
    })

    it("sends everything to a contact found by the check, since what it holds is not known", () => {
      const settled = engagePlatform.contactSync!.settle(
        {
          operation: "create_contact",
          payload: create.payload,
          sends: { email: "ada@example.com", firstName: "Ada" },
          status: "delivered",
          external_id: "c-42",
          summary: { status: 200, already_existed: true },
          reason: null,
        },
        { external_id: null, last_sent: { $lookup: "not_found" }, credentials: null },
        options
      )
      expect(settled).toEqual({ again: true, external_id: "c-42", last_sent: {} })
    })
  })

  describe("CRM.COM register_contact", () => {
    const options = crmComOptionsSchema.parse({
      api_url: "https://sandbox.crm.com/self-service/v1",
      api_key: "crm-key",
      encryption_key: "crm-encryption-key-0123",
    })
    const box = createSecretBox(options.encryption_key)
    const register = message("crmcom", "register_contact", {
      first_name: "Ada",
      last_name: "Lovelace",
      identity: {
        provider: "EMAIL",
        username: "ada@example.com",
        password_sealed: box.seal("s3cret!Aa1"),
        validation_required: false,
      },
    })

    it("signs in with the registration's own password first: a token is the earlier registration, a refusal sends it now", () => {
      const check = crmComPlatform.resendCheck!(register, options)!
      expect(check.request).toEqual(
        expect.objectContaining({
          method: "POST",
          url: "https://sandbox.crm.com/self-service/v1/contacts/authenticate",
          body: { provider: "EMAIL", username: "ada@example.com", password: "s3cret!Aa1" },
        })
      )
      expect(check.interpret(answer(200, { access_token: token }))).toEqual(
        expect.objectContaining({
          kind: "delivered",
          external_id: "crm-contact-1",
          secrets: expect.objectContaining({ access_token: token }),
          summary: expect.objectContaining({ already_existed: true }),
        })
      )
      expect(check.interpret(answer(401, { code: "INVALID_CREDENTIALS", attribute: "username" }))).toBeNull()
      // a refused api_key is the store's problem, not an answer about the contact
      expect(check.interpret(answer(401, { code: "INVALID_API_KEY", attribute: "api_key" }))).toEqual(
        expect.objectContaining({ kind: "failed" })
      )
    })

    it("takes CONTACT_ALREADY_EXISTS as delivered only for an unchecked resend of its own registration", () => {
      const exists = answer(400, { code: "CONTACT_ALREADY_EXISTS", attribute: "identity.username" })
      expect(crmComPlatform.classifyResponse!(exists, register, options)).toEqual(
        expect.objectContaining({ kind: "delivered", summary: expect.objectContaining({ already_existed: true }) })
      )
      expect(crmComPlatform.classifyResponse!(exists, { ...register, in_doubt: false }, options)).toEqual(
        expect.objectContaining({ kind: "failed", summary: expect.objectContaining({ contact_exists: true }) })
      )
    })
  })

  describe("Rejoiner", () => {
    const options = rejoinerOptionsSchema.parse({ api_url: "https://rj2.rejoiner.com/api/v1/SITE9", api_key: "k3y" })

    it("reads the profile before creating it again: found is the earlier creation, 404 sends it now", () => {
      const check = rejoinerPlatform.resendCheck!(
        message("rejoiner", "create_customer", { email: "ada@example.com" }),
        options
      )!
      expect(check.request).toEqual({
        method: "GET",
        url: "https://rj2.rejoiner.com/api/v1/SITE9/customers/ada%40example.com/",
        headers: { Authorization: "Rejoiner k3y", Accept: "application/json" },
      })
      expect(check.interpret(answer(200, { email: "ada@example.com" }))).toEqual(
        expect.objectContaining({ kind: "delivered", summary: { status: 200, already_existed: true } })
      )
      expect(check.interpret(answer(404))).toBeNull()
    })

    it("cannot ask whether a conversion arrived: it is resent as it is", () => {
      expect(
        rejoinerPlatform.resendCheck!(message("rejoiner", "convert", { email: "ada@example.com" }), options)
      ).toBeUndefined()
    })
  })

  it("ExpertSender needs no check: AddOrUpdate sent twice leaves one contact", () => {
    const options = expertSenderOptionsSchema.parse({ api_url: "https://api.ecdp.app", api_key: "es" })
    expect(expertSenderPlatform.resendCheck).toBeUndefined()
    expect(options.match_by).toBe("Email")
  })
})
