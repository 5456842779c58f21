import { MedusaError } from "@medusajs/framework/utils"
import type { OutboundMessage, PlatformRequest } from "../../provider-api/types"
import { joinUrl } from "../../provider-api/url"
import type { SecretBox } from "../../utils/secret-box"
import { CrmComOperations } from "./operations"
import type { CrmComOptions } from "./options"
import { openSealedValue, SEALED } from "./secrets"

/**
 * The shopper's loyalty writes as CRM.COM Self-Service calls (CRM.COM keeping the points), built
 * from their outbox rows. The contact's access token travels sealed (`access_token_sealed`, added
 * as `Authorization` by the platform's request builder) and so does a sign-up code.
 */

const invalid = (message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, message)

function text(payload: Record<string, unknown>, key: string, operation: string): string {
  const value = payload[key]
  if (typeof value !== "string" || !value) {
    throw invalid(`CRM.COM ${operation} needs ${key}`)
  }
  return value
}

const accountPath = (payload: Record<string, unknown>, operation: string) =>
  `/accounts/${encodeURIComponent(text(payload, "account_id", operation))}`

/** The request of a loyalty write row, or null when the operation is not one. */
export function loyaltyWriteRoute(
  message: OutboundMessage,
  options: CrmComOptions,
  box: SecretBox
): Omit<PlatformRequest, "headers"> | null {
  const { payload, operation } = message
  const url = (path: string) => joinUrl(options.api_url, path)
  switch (operation) {
    // CRM.COM Self-Service API: POST /accounts/{id}/reward_schemes, action SIGNUP (email_address for a closed loop)
    case CrmComOperations.SignUpRewardScheme: {
      const email = payload.email_address
      return {
        method: "POST",
        url: url(`${accountPath(payload, operation)}/reward_schemes`),
        body: {
          action: "SIGNUP",
          reward_scheme_id: text(payload, "reward_scheme_id", operation),
          ...(typeof email === "string" && email ? { email_address: email } : {}),
        },
      }
    }
    // CRM.COM Self-Service API: POST /accounts/{id}/reward_schemes, action SIGNOUT
    case CrmComOperations.SignOutRewardScheme:
      return {
        method: "POST",
        url: url(`${accountPath(payload, operation)}/reward_schemes`),
        body: { action: "SIGNOUT", reward_scheme_id: text(payload, "reward_scheme_id", operation) },
      }
    // CRM.COM Self-Service API: POST /reward_schemes/verify_sign_up (the code alone names the request)
    case CrmComOperations.VerifyRewardSchemeSignUp: {
      let code: string
      try {
        code = openSealedValue(payload[SEALED.sign_up_code], SEALED.sign_up_code, operation, box)
      } catch (error) {
        throw invalid((error as Error).message)
      }
      return { method: "POST", url: url("/reward_schemes/verify_sign_up"), body: { sign_up_code: code } }
    }
    // CRM.COM Self-Service API: POST /referrals, the referral customer event of the signed-in contact
    case CrmComOperations.CreateReferral:
      return {
        method: "POST",
        url: url("/referrals"),
        body: { referral_code: text(payload, "referral_code", operation) },
      }
    // CRM.COM Self-Service API: POST /send_referrals, invitations sent by CRM.COM to emails or phones
    case CrmComOperations.SendReferrals: {
      const recipients = payload.recipients
      if (!Array.isArray(recipients) || !recipients.length || recipients.some((entry) => typeof entry !== "string")) {
        throw invalid(`CRM.COM ${operation} needs recipients`)
      }
      return { method: "POST", url: url("/send_referrals"), body: { recipients } }
    }
    // CRM.COM Self-Service API: PUT /accounts/{id}/rewards with spend_preferences (automatic spend)
    case CrmComOperations.UpdateSpendPreferences:
      if (!payload.spend_preferences || typeof payload.spend_preferences !== "object") {
        throw invalid(`CRM.COM ${operation} needs spend_preferences`)
      }
      return {
        method: "PUT",
        url: url(`${accountPath(payload, operation)}/rewards`),
        body: { spend_preferences: payload.spend_preferences },
      }
    default:
      return null
  }
}
