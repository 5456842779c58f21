import { randomUUID } from "node:crypto"
import { z } from "@medusajs/framework/zod"
import { contactOfToken, errorAnswer, forbidden, ownRewards } from "./crmcom-rewards"
import { headerViolations, RecordedRequest, StandIn, StandInAnswer, StandInRoute, zodViolations } from "./stand-in"

/**
 * CRM.COM Self-Service rewards writes (Rewards: reward scheme sign up / out and the closed-loop
 * verification; Referrals: `POST /referrals`, `POST /send_referrals`; Contact Management: the
 * account's automatic spend preference), answered as CRM.COM's examples show. A closed-loop
 * sign-up "emails" its code: the test reads it with {@link signUpCodesOf}. A referral code is
 * known once a test gives it to an advocate with {@link giveReferralCode}.
 */

const flag = z.union([z.boolean(), z.enum(["true", "false"])])

const schemeSchema = z
  .object({
    action: z.enum(["SIGNUP", "SIGNOUT"]),
    reward_scheme_id: z.string().min(1),
    email_address: z.string().email().optional(),
    sign_up_code: z.string().min(1).optional(),
  })
  .strict()

const spendSchema = z
  .object({
    account_status: z.string().optional(),
    spend_preferences: z
      .object({
        enable_automatic_spend: flag,
        minimum_wallet_balance: z.number().min(0).optional(),
        minimum_spend_amount: z.number().min(0).optional(),
        maximum_spend_amount: z.number().min(0).optional(),
      })
      .strict()
      .optional(),
    peferred_pament_method_id: z.string().optional(), // sic: the API's spelling
  })
  .strict()

interface WriteState {
  /** sign-up code -> the closed-loop request it verifies */
  signUpCodes?: Record<string, { contact_id: string; scheme_id: string; email: string }>
  /** referral code -> the advocate's contact id */
  referralCodes?: Record<string, string>
  /** referral customer events made, and invitations sent */
  referrals?: { id: string; contact_id: string; referral_code: string }[]
  invitations?: { contact_id: string; recipients: string[] }[]
}

const stateOf = (standIn: StandIn) => standIn.state as WriteState

/** The codes CRM.COM "emailed" for closed-loop sign-ups to one address, oldest first. */
export function signUpCodesOf(standIn: StandIn, email: string): string[] {
  return Object.entries(stateOf(standIn).signUpCodes ?? {})
    .filter(([, request]) => request.email === email)
    .map(([code]) => code)
}

/** The advocate's contact gets the code (its `referral_code`), which other contacts can then claim. */
export function giveReferralCode(standIn: StandIn, advocateContactId: string, code: string): void {
  ;(stateOf(standIn).referralCodes ??= {})[code] = advocateContactId
  const contact = (standIn.state.contacts ?? {})[advocateContactId]
  if (contact) {
    contact.referral_code = code
  }
}

export const referralsOf = (standIn: StandIn) => stateOf(standIn).referrals ?? []
export const invitationsOf = (standIn: StandIn) => stateOf(standIn).invitations ?? []

/** Joins or leaves a scheme on the contact's account: `is_joined` of the list and `joined_reward_schemes`. */
function setJoined(standIn: StandIn, contactId: string, schemeId: string, joined: boolean, email?: string) {
  const own = ownRewards(standIn, contactId)!
  const scheme = own.schemes.find((candidate) => candidate.id === schemeId)!
  scheme.is_joined = String(joined)
  const list = ((own.rewards.joined_reward_schemes as Record<string, unknown>[] | undefined) ?? []).filter(
    (entry) => entry.id !== schemeId
  )
  if (joined) {
    list.push({ id: schemeId, name: scheme.name, signed_up_on: Math.floor(Date.now() / 1000), email_address: email })
  }
  own.rewards.joined_reward_schemes = list
}

export function crmComRewardWriteRoutes(apiKey: string): StandInRoute[] {
  const app = { api_key: /./, "Content-Type": /^application\/json/ }
  const withToken = { ...app, Authorization: /^(Bearer )?[\w-]+\.[\w-]+\.[\w-]*$/ }
  const route = (
    name: string,
    method: string,
    path: RegExp,
    schema: z.ZodType,
    respond: (request: RecordedRequest, standIn: StandIn, contactId: string) => StandInAnswer,
    headers: Record<string, RegExp> = withToken
  ): StandInRoute => ({
    name,
    method,
    path,
    check: (request) => [...headerViolations(request.headers, headers), ...zodViolations(schema, request.body)],
    respond: (request, standIn) => {
      if (headers !== withToken) {
        return request.headers.api_key === apiKey
          ? respond(request, standIn, "")
          : errorAnswer(401, "INVALID_API_KEY", "The provided API Key is invalid", "api_key")
      }
      const contact = contactOfToken(request, standIn, apiKey)
      return typeof contact === "string" ? respond(request, standIn, contact) : contact
    },
  })

  return [
    route(
      "account_reward_schemes",
      "POST",
      /^\/accounts\/(?<id>[^/]+)\/reward_schemes$/,
      schemeSchema,
      (request, standIn, contactId) => {
        const own = ownRewards(standIn, contactId)
        if (!own || own.account_id !== request.params.id) {
          return forbidden
        }
        const body = request.body as z.infer<typeof schemeSchema>
        const scheme = own.schemes.find((candidate) => candidate.id === body.reward_scheme_id)
        if (!scheme) {
          return errorAnswer(404, "NOT_FOUND", "The requested reward scheme does not exist", "reward_scheme_id")
        }
        // joining what is joined, or leaving what is not, leaves it as it is
        if (body.action === "SIGNOUT" || scheme.sign_up_option === "SELF_SIGN_UP") {
          setJoined(standIn, contactId, scheme.id as string, body.action === "SIGNUP")
          return { status: 200, body: { id: scheme.id } }
        }
        const domains = (scheme.email_domains as string[] | undefined) ?? []
        const email = body.email_address
        if (!email || !domains.includes(email.split("@")[1])) {
          return errorAnswer(
            400,
            "INVALID_EMAIL_DOMAIN",
            "The email address is not in a domain of the scheme",
            "email_address"
          )
        }
        const code = `CODE${randomUUID().replace(/-/g, "").slice(0, 12).toUpperCase()}`
        ;(stateOf(standIn).signUpCodes ??= {})[code] = { contact_id: contactId, scheme_id: scheme.id as string, email }
        return { status: 200, body: { id: scheme.id } }
      }
    ),
    route(
      "verify_sign_up",
      "POST",
      /^\/reward_schemes\/verify_sign_up$/,
      z.object({ sign_up_code: z.string().min(1) }).strict(),
      (request, standIn) => {
        const codes = (stateOf(standIn).signUpCodes ??= {})
        const code = (request.body as { sign_up_code: string }).sign_up_code
        const pending = codes[code]
        if (!pending) {
          return errorAnswer(400, "INVALID_SIGN_UP_CODE", "The sign up code is not valid", "sign_up_code")
        }
        delete codes[code]
        setJoined(standIn, pending.contact_id, pending.scheme_id, true, pending.email)
        return { status: 200 }
      },
      app
    ),
    route(
      "create_referral",
      "POST",
      /^\/referrals$/,
      z.object({ referral_code: z.string().min(1) }).strict(),
      (request, standIn, contactId) => {
        const code = (request.body as { referral_code: string }).referral_code
        const advocate = (stateOf(standIn).referralCodes ?? {})[code]
        if (!advocate || advocate === contactId) {
          return errorAnswer(400, "INVALID_REFERRAL_CODE", "The referral code is not valid", "referral_code")
        }
        const event = { id: randomUUID(), contact_id: contactId, referral_code: code }
        ;(stateOf(standIn).referrals ??= []).push(event)
        return { status: 200, body: { id: event.id } }
      }
    ),
    route(
      "send_referrals",
      "POST",
      /^\/send_referrals$/,
      z.object({ recipients: z.array(z.string().min(1)).min(1) }).strict(),
      (request, standIn, contactId) => {
        const { recipients } = request.body as { recipients: string[] }
        ;(stateOf(standIn).invitations ??= []).push({ contact_id: contactId, recipients })
        return { status: 200 }
      }
    ),
    route(
      "update_account_rewards",
      "PUT",
      /^\/accounts\/(?<id>[^/]+)\/rewards$/,
      spendSchema,
      (request, standIn, contactId) => {
        const own = ownRewards(standIn, contactId)
        if (!own || own.account_id !== request.params.id) {
          return forbidden
        }
        const preferences = (request.body as z.infer<typeof spendSchema>).spend_preferences
        if (preferences) {
          own.rewards.automatic_spend_settings = {
            enable_automatic_spend: String(preferences.enable_automatic_spend),
            minimum_wallet_balance: preferences.minimum_wallet_balance ?? 0,
          }
        }
        return { status: 200, body: { id: own.account_id } }
      }
    ),
  ]
}
