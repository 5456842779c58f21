/** Shared set-up of the CRM.COM contact-sync unit specs: options, a frozen clock, contacts, tokens and the in-memory harness. */
import crmComPlatform from "../platform"
import { attemptDelivery } from "../../../modules/engagement/outbox/send"
import { createSecretBox } from "../../../utils/secret-box"
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
} from "../../../provider-api/types"
import { CrmComOptions, crmComOptionsSchema } from "../options"
import type { CrmComCredentials } from "../secrets"

export const API = "https://sandbox.crm.com/self-service/v1"
export const options = crmComOptionsSchema.parse({
  api_url: API,
  api_key: "crm-key",
  encryption_key: "crm-encryption-key-0123",
})
export const box = createSecretBox(options.encryption_key)
export const context: ContactSyncContext = {
  purposes: { email_marketing: { channel: "email" }, sms_marketing: { channel: "sms" } },
}
export const sync = crmComPlatform.contactSync!
export const app = { api_key: "crm-key", "Content-Type": "application/json", Accept: "application/json" }

export const NOW = Date.parse("2025-03-01T12:00:00.000Z")
let now = NOW

/** Lets the mocked clock run on. */
export function advanceClock(ms: number): void {
  now += ms
}

/** The mocked clock. */
export const clock = () => now
beforeEach(() => {
  now = NOW
  jest.spyOn(Date, "now").mockImplementation(() => now)
})
afterEach(() => jest.restoreAllMocks())

export const consent = (value: SnapshotConsent["value"]): SnapshotConsent => ({
  value,
  source: "checkout",
  recorded_at: "2025-01-01T00:00:00.000Z",
  wording: null,
  info: null,
})

export const contactOf = (overrides: Partial<ContactSnapshot> = {}): ContactSnapshot => ({
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

export const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url")
let issued = 0
/** A CRM.COM-like access token for a contact, living `ttl` seconds from now. */
export function tokenFor(sub: string, ttl = 3600) {
  const exp = Math.floor(now / 1000) + ttl
  return {
    access_token: `${part({ alg: "HS256" })}.${part({ sub, exp, jti: ++issued })}.sig${issued}`,
    exp: String(exp),
  }
}
export const tokenAnswer = (sub: string, ttl?: number) => ({
  ...tokenFor(sub, ttl),
  contact: { first_name: "Ada", last_name: "Lovelace" },
})

export const opened = (sealed: string | null | undefined) => (sealed ? box.open<CrmComCredentials>(sealed) : null)

/**
 * The contact sync as the driver runs it (src/modules/engagement/contact-sync/driver.ts), in memory:
 * the plan's credentials are stored before the call goes out; the answer is classified by the
 * platform; the settlement's id, credentials and last_sent are applied (a delivered call's `sends`
 * merged by default). Everything that the outbox and the sync state would keep is collected.
 */
export class Harness {
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
      {
        id: "engdel_1",
        platform: "crmcom",
        operation: call.operation,
        payload: call.payload,
        idempotency_key: "k",
        attempts: 1,
      },
      this.opts
    )
    const body = request.body as Record<string, any> | undefined
    for (const secret of [
      body?.password,
      body?.identity?.password,
      body?.refresh_token,
      request.headers.Authorization?.replace(/^Bearer /, ""),
    ]) {
      if (secret) {
        this.secrets.add(secret)
      }
    }
    return request
  }

  /** CRM.COM answers the call; returns what the sync made of it. */
  answer(call: ContactSyncCall, status: number, body: unknown): ContactSyncSettlement {
    this.request(call)
    const message = {
      id: "engdel_1",
      platform: "crmcom",
      operation: call.operation,
      payload: call.payload,
      idempotency_key: "k",
      attempts: 1,
    }
    return this.settle(call, crmComPlatform.classifyResponse!({ status, headers: {}, body }, message, this.opts))
  }

  /** Sends the call over HTTP as the outbox does (to the stand-in), and settles its outcome. */
  async send(call: ContactSyncCall): Promise<ContactSyncSettlement> {
    this.request(call)
    const message = {
      id: `engdel_${++issued}`,
      platform: "crmcom",
      operation: call.operation,
      payload: call.payload,
      idempotency_key: `k${issued}`,
      attempts: 1,
    }
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
      external_id: delivered ? (outcome.external_id ?? null) : null,
      summary: outcome.summary ?? null,
      secrets: delivered ? outcome.secrets : undefined,
      reason: delivered ? null : (outcome as { reason: string }).reason,
    }
    this.stored.push(ended.summary, ended.reason)
    const settlement = sync.settle(ended, this.state, this.opts)
    this.state = {
      external_id: settlement.external_id === undefined ? this.state.external_id : settlement.external_id,
      last_sent:
        settlement.last_sent ?? (delivered ? { ...this.state.last_sent, ...(call.sends ?? {}) } : this.state.last_sent),
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
      if (secret.split(".").length === 3) {
        expect(kept).not.toContain(secret.split(".")[1])
      }
    }
  }
}
