import type { LoyaltyContactSource } from "../../provider-api/capabilities"
import type {
  LoyaltySourceAction,
  LoyaltySourceCall,
  LoyaltySourceOutcome,
  LoyaltySourceWrites,
} from "../../provider-api/loyalty-source-writes"
import { CrmComLoyaltyReader, forgetCrmComReads } from "./loyalty-reader"
import { CrmComOperations } from "./operations"
import type { CrmComOptions } from "./options"
import { CRMCOM, errorText } from "./platform"
import { boxOf, SEALED } from "./secrets"

/** The store field each write's refusal is about, by operation. */
const FIELDS: Record<string, string> = {
  [CrmComOperations.SignUpRewardScheme]: "id",
  [CrmComOperations.SignOutRewardScheme]: "id",
  [CrmComOperations.VerifyRewardSchemeSignUp]: "code",
  [CrmComOperations.CreateReferral]: "code",
  [CrmComOperations.SendReferrals]: "emails",
  [CrmComOperations.UpdateSpendPreferences]: "auto_spend",
}

/**
 * The shopper's loyalty writes CRM.COM takes while it keeps the points (CRM.COM Self-Service API):
 * reward scheme sign-up (with the emailed code for a closed loop) and sign-out, a referral claim,
 * referral invitations and the automatic spend preference. Each is an outbox row with the
 * contact's own token, sealed; nothing is written to the local ledger.
 */
export class CrmComLoyaltyWrites implements LoyaltySourceWrites {
  readonly platform = "CRM.COM"
  readonly kinds = [
    "scheme_sign_up",
    "scheme_verify",
    "scheme_sign_out",
    "referral_claim",
    "referral_invitations",
    "auto_spend",
  ] as const

  constructor(
    private readonly options: CrmComOptions,
    private readonly source: LoyaltyContactSource,
    private readonly reader: CrmComLoyaltyReader,
    private readonly pointsPerUnit: (currencyCode: string) => number
  ) {}

  async build(customerId: string, action: LoyaltySourceAction): Promise<LoyaltySourceCall> {
    const box = boxOf(this.options)
    const contact = await this.reader.contact(customerId)
    if (action.kind === "scheme_verify") {
      // the code alone names the sign-up request on CRM.COM; it is kept sealed in the outbox
      const payload = { reward_scheme_id: action.scheme_id, [SEALED.sign_up_code]: box.seal(action.code) }
      return { operation: CrmComOperations.VerifyRewardSchemeSignUp, payload, repeatable: false }
    }
    const auth = { contact_id: contact.contactId, [SEALED.access_token]: box.seal(contact.token) }
    switch (action.kind) {
      case "scheme_sign_up":
      case "scheme_sign_out": {
        const payload = {
          ...auth,
          account_id: await this.reader.primaryAccountId(contact),
          reward_scheme_id: action.scheme_id,
          ...(action.kind === "scheme_sign_up" && action.email ? { email_address: action.email } : {}),
        }
        const operation =
          action.kind === "scheme_sign_up" ? CrmComOperations.SignUpRewardScheme : CrmComOperations.SignOutRewardScheme
        // joining or leaving sets the account's membership: the same call twice leaves it as once;
        // a closed loop's request a minute old is sent again when asked (a new code, the first one lost)
        return { operation, payload, repeatable: true, ...(payload.email_address ? { fresh_for_ms: 60_000 } : {}) }
      }
      case "referral_claim":
        // each call is a new referral customer event: never resent blindly
        return {
          operation: CrmComOperations.CreateReferral,
          payload: { ...auth, referral_code: action.code },
          repeatable: false,
        }
      case "referral_invitations":
        return {
          operation: CrmComOperations.SendReferrals,
          payload: { ...auth, recipients: action.emails },
          repeatable: false,
        }
      case "auto_spend": {
        const currency = await this.reader.currencyOf(contact)
        const spend_preferences = {
          enable_automatic_spend: action.enabled,
          // CRM.COM keeps money: the store's minimum points at its rate for the account's currency
          minimum_wallet_balance: action.minimum_points / this.pointsPerUnit(currency),
        }
        return {
          operation: CrmComOperations.UpdateSpendPreferences,
          payload: { ...auth, account_id: await this.reader.primaryAccountId(contact), spend_preferences },
          repeatable: true,
        }
      }
    }
  }

  outcome(delivery: Parameters<LoyaltySourceWrites["outcome"]>[0]): LoyaltySourceOutcome {
    const summary = delivery.response_summary ?? {}
    if (delivery.status === "delivered") {
      return { kind: "done", external_id: delivery.external_id }
    }
    if (delivery.status !== "failed") {
      return { kind: "unavailable", in_doubt: delivery.in_doubt }
    }
    if (summary.token_rejected) {
      return { kind: "not_synced" }
    }
    const status = delivery.response_status ?? 0
    if (summary.api_key_rejected || status === 401 || status === 403) {
      return { kind: "store_refused" }
    }
    const body = summary.body && typeof summary.body === "object" ? (summary.body as Record<string, unknown>) : {}
    const field = body.attribute === "email_address" ? "email" : (FIELDS[delivery.operation] ?? "body")
    const code = typeof body.code === "string" && body.code ? body.code.toLowerCase() : "refused"
    return {
      kind: "refused",
      field,
      reason: code,
      message: `${field}: CRM.COM refused it (${errorText(summary.body) || `HTTP ${status}`})`,
    }
  }

  async forget(customerId: string): Promise<void> {
    const [sync] = await this.source.listContactSyncs({ customer_id: customerId, platform: CRMCOM })
    if (sync?.external_id) {
      forgetCrmComReads(sync.external_id)
    }
  }
}
