import crmComPlatform from "./platform"
import { createSecretBox } from "../../utils/secret-box"
import { CrmComLoyaltyWrites } from "./loyalty-writer"
import type { CrmComLoyaltyReader } from "./loyalty-reader"
import { crmComOptionsSchema } from "./options"

const options = crmComOptionsSchema.parse({
  api_url: "https://sandbox.crm.com/self-service/v1",
  api_key: "crm-key",
  encryption_key: "crm-encryption-key-0123",
})
const box = createSecretBox(options.encryption_key)
const build = (operation: string, payload: Record<string, unknown>) =>
  crmComPlatform.buildRequest(
    { id: "engdel_1", platform: "crmcom", operation, idempotency_key: "k", attempts: 1, payload },
    options
  )
const BASE = "https://sandbox.crm.com/self-service/v1"
const token = { access_token_sealed: box.seal("the.contact.jwt") }
const withToken = {
  api_key: "crm-key",
  "Content-Type": "application/json",
  Accept: "application/json",
  Authorization: "Bearer the.contact.jwt",
}

describe("crmcom loyalty writes (CRM.COM Self-Service API)", () => {
  it("signs an account up and out of a scheme, with the email of a closed loop, with the contact's own token", () => {
    expect(build("sign_up_reward_scheme", { ...token, account_id: "ACC 1", reward_scheme_id: "S1" })).toEqual({
      method: "POST",
      url: `${BASE}/accounts/ACC%201/reward_schemes`,
      headers: withToken,
      body: { action: "SIGNUP", reward_scheme_id: "S1" },
    })
    const closed = build("sign_up_reward_scheme", {
      ...token,
      account_id: "A1",
      reward_scheme_id: "S2",
      email_address: "johndoe@crm.com",
    })
    expect(closed.body).toEqual({ action: "SIGNUP", reward_scheme_id: "S2", email_address: "johndoe@crm.com" })
    expect(build("sign_out_reward_scheme", { ...token, account_id: "A1", reward_scheme_id: "S1" }).body).toEqual({
      action: "SIGNOUT",
      reward_scheme_id: "S1",
    })
  })

  it("verifies a closed-loop sign-up with the sealed code alone, and refuses a code in clear or no token", () => {
    const request = build("verify_reward_scheme_sign_up", { sign_up_code_sealed: box.seal("ABCTKN123456798VGP2020") })
    expect(request).toEqual({
      method: "POST",
      url: `${BASE}/reward_schemes/verify_sign_up`,
      headers: { api_key: "crm-key", "Content-Type": "application/json", Accept: "application/json" },
      body: { sign_up_code: "ABCTKN123456798VGP2020" },
    })
    expect(() => build("verify_reward_scheme_sign_up", { sign_up_code: "ABC" })).toThrow(/sign_up_code_sealed/)
    expect(() => build("create_referral", { referral_code: "REF123" })).toThrow(/access_token_sealed/)
  })

  it("claims a referral, sends invitations and sets the automatic spend preference as the API's examples", () => {
    expect(build("create_referral", { ...token, referral_code: "REF123" })).toMatchObject({
      method: "POST",
      url: `${BASE}/referrals`,
      body: { referral_code: "REF123" },
    })
    expect(build("send_referrals", { ...token, recipients: ["j_doe@crm.com"] })).toMatchObject({
      method: "POST",
      url: `${BASE}/send_referrals`,
      body: { recipients: ["j_doe@crm.com"] },
    })
    expect(() => build("send_referrals", { ...token, recipients: [] })).toThrow(/recipients/)
    const spend = { enable_automatic_spend: true, minimum_wallet_balance: 5.21 }
    expect(build("update_spend_preferences", { ...token, account_id: "A1", spend_preferences: spend })).toMatchObject({
      method: "PUT",
      url: `${BASE}/accounts/A1/rewards`,
      body: { spend_preferences: spend },
    })
  })

  it("tells the shopper what an outcome means: done, the field refused, the session, the store's settings, no answer", () => {
    const writes = new CrmComLoyaltyWrites(
      options,
      { listContactSyncs: async () => [] },
      {} as CrmComLoyaltyReader,
      () => 100
    )
    const row = (status: string, response_status: number | null, summary: Record<string, unknown> | null) => ({
      operation: "verify_reward_scheme_sign_up",
      status,
      response_status,
      response_summary: summary,
      last_error: null,
      in_doubt: false,
      external_id: null,
    })
    expect(writes.outcome({ ...row("delivered", 200, null), external_id: "E1" })).toEqual({
      kind: "done",
      external_id: "E1",
    })
    const body = { code: "INVALID_SIGN_UP_CODE", message: "The sign up code is not valid", attribute: "sign_up_code" }
    expect(writes.outcome(row("failed", 400, { status: 400, body }))).toEqual({
      kind: "refused",
      field: "code",
      reason: "invalid_sign_up_code",
      message:
        "code: CRM.COM refused it (INVALID_SIGN_UP_CODE The sign up code is not valid (attribute: sign_up_code))",
    })
    expect(writes.outcome(row("failed", 401, { token_rejected: true })).kind).toBe("not_synced")
    expect(writes.outcome(row("failed", 401, { api_key_rejected: true })).kind).toBe("store_refused")
    expect(writes.outcome({ ...row("dead", 503, null), in_doubt: true })).toEqual({
      kind: "unavailable",
      in_doubt: true,
    })
  })
})
