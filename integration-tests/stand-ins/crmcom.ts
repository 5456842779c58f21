import { createHmac, randomUUID } from "node:crypto"
import { z } from "@medusajs/framework/zod"
import { headerViolations, RecordedRequest, StandIn, StandInAnswer, StandInRoute, zodViolations } from "./stand-in"
import { crmComRewardRoutes } from "./crmcom-rewards"
import { crmComRewardWriteRoutes } from "./crmcom-reward-writes"

export interface CrmComStandInConfig {
  apiKey: string
  /** how long an access token lives; `expireTokens()` ends them all at once */
  tokenTtlSeconds?: number
}

interface StoredContact {
  id: string
  first_name?: string
  last_name?: string
  username?: string
  password?: string
  is_verified: boolean
  [field: string]: unknown
}

// the API's examples send these flags as "true"/"false" strings, its descriptions as booleans
const flag = z.union([z.boolean(), z.enum(["true", "false"])])
const upper = z.string().regex(/^[A-Z_]+$/, "an upper-case value such as ACCEPTED or PENDING")

const registerSchema = z
  .object({
    first_name: z.string().min(1).optional(),
    last_name: z.string().min(1).optional(),
    identity: z
      .object({
        provider: z.enum(["EMAIL", "PHONE", "FACEBOOK", "GOOGLE"]),
        username: z.string().email().optional(),
        password: z.string().min(1).optional(),
        validation_required: z.boolean().optional(),
        phone_number: z.string().min(1).optional(),
        country_code: z.string().min(1).optional(),
        token: z.string().min(1).optional(),
      })
      .strict(),
    service_acceptance: flag.optional(),
    email_opt_out: flag.optional(),
    sms_opt_out: flag.optional(),
    consent_state: upper.optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    const { provider, ...identity } = body.identity
    const required: Record<string, string[]> = {
      EMAIL: ["username", "password", "validation_required"],
      PHONE: ["phone_number", "country_code"],
      FACEBOOK: ["token"],
      GOOGLE: ["token"],
    }
    for (const key of required[provider]) {
      if (identity[key as keyof typeof identity] === undefined) {
        ctx.addIssue({ code: "custom", path: ["identity", key], message: `required for ${provider}` })
      }
    }
    for (const key of ["first_name", "last_name"] as const) {
      if ((provider === "EMAIL" || provider === "PHONE") && !body[key]) {
        ctx.addIssue({ code: "custom", path: [key], message: `required for ${provider}` })
      }
    }
  })

const authenticateSchema = z
  .object({
    provider: z.enum(["EMAIL", "PHONE", "FACEBOOK", "GOOGLE"]),
    username: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    token: z.string().min(1).optional(),
    phone_number: z.string().min(1).optional(),
    country_code: z.string().min(1).optional(),
  })
  .strict()

const ymd = z.object({
  year: z.number().int(),
  month: z.number().int().min(1).max(12),
  day: z.union([z.number().int(), z.string().regex(/^\d{1,2}$/)]),
})
const document = (numberKey: string) =>
  z
    .object({ [numberKey]: z.string(), issue_country_code: z.string(), expiration_date: z.number().int() })
    .partial()
    .strict()

const updateSchema = z
  .object({
    company_name: z.string(),
    title: z.string(),
    first_name: z.string(),
    middle_name: z.string(),
    last_name: z.string(),
    preferred_language_code: z.string().regex(/^[A-Z]{3}$/, "a three-letter code such as ENG"),
    category_id: z.string(),
    statutory_number: z.string(),
    demographics: z
      .object({
        gender: z.enum(["MALE", "FEMALE"]),
        passport: document("passport_number"),
        id_details: document("id_number"),
        name_day: z.object({ month: z.number().int(), day: z.number().int() }).strict(),
        date_of_birth: ymd.strict(),
      })
      .partial()
      .strict(),
    company_profle: z.record(z.string(), z.unknown()), // sic: the API's spelling
    email_address: z.string().email(),
    sms_opt_out: flag,
    email_opt_out: flag,
    is_tax_exempt: flag,
    consent_state: upper,
  })
  .partial()
  .strict()

const errorAnswer = (status: number, code: string, message: string, attribute?: string): StandInAnswer => ({
  status,
  body: { code, message, ...(attribute ? { attribute } : {}) },
})

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url")

/**
 * CRM.COM Self-Service API, contacts (CRM.COM's Self-Service API). Every call needs the `api_key` header; contact
 * calls also the contact's JWT in `Authorization` (the API shows it both bare and as `Bearer`).
 * Errors follow the API's model: `{ code, message, attribute }`.
 */
export class CrmComStandIn extends StandIn {
  tokenTtlSeconds: number
  private readonly secret = randomUUID()

  constructor(readonly config: CrmComStandInConfig) {
    super("crmcom", crmComRoutes(config), "/self-service/v1")
    this.tokenTtlSeconds = config.tokenTtlSeconds ?? 3600
  }

  get contacts(): Record<string, StoredContact> {
    return (this.state.contacts ??= {})
  }

  /** Forgets contacts and tokens, and restores the configured token lifetime. */
  override reset(): void {
    super.reset()
    this.tokenTtlSeconds = this.config.tokenTtlSeconds ?? 3600
  }

  /** token -> the contact it is for and when it stops working (seconds) */
  get tokens(): Record<string, { contact_id: string; exp: number }> {
    return (this.state.tokens ??= {})
  }

  /** An HS256 JWT whose `sub` is the contact id, as CRM.COM's access tokens. */
  issueToken(contactId: string): { access_token: string; exp: number } {
    const exp = Math.floor(Date.now() / 1000) + this.tokenTtlSeconds
    const jti = (this.state.issued = (this.state.issued ?? 0) + 1)
    const unsigned = `${base64url({ alg: "HS256", typ: "JWT" })}.${base64url({ sub: contactId, exp, jti })}`
    const token = `${unsigned}.${createHmac("sha256", this.secret).update(unsigned).digest("base64url")}`
    this.tokens[token] = { contact_id: contactId, exp }
    return { access_token: token, exp }
  }

  /** Ends every token issued so far: contact calls with them answer 401 until refreshed. */
  expireTokens(): void {
    for (const token of Object.values(this.tokens)) {
      token.exp = Math.floor(Date.now() / 1000) - 1
    }
  }

  tokenAnswer(contact: StoredContact): StandInAnswer {
    const { access_token, exp } = this.issueToken(contact.id)
    const { first_name, last_name, title = "", is_verified } = contact
    return {
      status: 200,
      body: {
        access_token,
        exp: String(exp),
        contact: { title, first_name, last_name, avatar: "", is_verified: String(is_verified) },
        organisations: [],
      },
    }
  }
}

function crmComRoutes(config: CrmComStandInConfig): StandInRoute[] {
  const app = { api_key: /./, "Content-Type": /^application\/json/ }
  const contact = { ...app, Authorization: /^(Bearer )?[\w-]+\.[\w-]+\.[\w-]*$/ }
  const keyed =
    (respond: (request: RecordedRequest, standIn: CrmComStandIn) => StandInAnswer) =>
    (request: RecordedRequest, standIn: StandIn) =>
      request.headers.api_key === config.apiKey
        ? respond(request, standIn as CrmComStandIn)
        : errorAnswer(401, "INVALID_API_KEY", "The provided API Key is invalid", "api_key")
  // a contact call: a live token of the contact named in the path
  const authorised = (
    respond: (request: RecordedRequest, standIn: CrmComStandIn, stored: StoredContact) => StandInAnswer
  ) =>
    keyed((request, standIn) => {
      const token = String(request.headers.authorization ?? "").replace(/^Bearer /, "")
      const issued = standIn.tokens[token]
      if (!issued || issued.exp <= Date.now() / 1000) {
        return errorAnswer(401, "INVALID_TOKEN", "The provided Token is invalid or has expired", "Authorization")
      }
      if (issued.contact_id !== request.params.id) {
        return errorAnswer(403, "FORBIDDEN", "The Token does not have permissions to perform the request")
      }
      const stored = standIn.contacts[request.params.id]
      return stored
        ? respond(request, standIn, stored)
        : errorAnswer(404, "NOT_FOUND", "The requested contact does not exist")
    })
  type Headers = Record<string, string | RegExp>
  const route = (
    name: string,
    method: string,
    path: RegExp,
    headers: Headers,
    schema: z.ZodType | null,
    respond: StandInRoute["respond"]
  ): StandInRoute => ({
    name,
    method,
    path,
    check: (request) => [
      ...headerViolations(request.headers, headers),
      ...(schema ? zodViolations(schema, request.body) : []),
    ],
    respond,
  })

  return [
    route(
      "register_contact",
      "POST",
      /^\/contacts\/register$/,
      app,
      registerSchema,
      keyed((request, standIn) => {
        const body = request.body as z.infer<typeof registerSchema>
        const { username, password, validation_required, provider } = body.identity
        if (username && Object.values(standIn.contacts).some((known) => known.username === username)) {
          return errorAnswer(
            400,
            "CONTACT_ALREADY_EXISTS",
            "A contact with this username already exists",
            "identity.username"
          )
        }
        const id = randomUUID()
        const { identity: _identity, ...fields } = body
        standIn.contacts[id] = { ...fields, id, username, password, is_verified: !validation_required }
        // the API: a PHONE registration answers a one-time password to confirm, not a token
        if (provider === "PHONE") {
          return { status: 200, body: { obfuscated_value: "+35799***834", auth_otp: randomUUID() } }
        }
        return standIn.tokenAnswer(standIn.contacts[id])
      })
    ),
    route(
      "authenticate_contact",
      "POST",
      /^\/contacts\/authenticate$/,
      app,
      authenticateSchema,
      keyed((request, standIn) => {
        const { username, password } = request.body as z.infer<typeof authenticateSchema>
        const found = Object.values(standIn.contacts).find(
          (known) => known.username === username && known.password === password
        )
        return found
          ? standIn.tokenAnswer(found)
          : errorAnswer(401, "INVALID_CREDENTIALS", "Invalid username or password", "username")
      })
    ),
    route(
      "refresh_token",
      "POST",
      /^\/contacts\/refresh$/,
      app,
      z.object({ refresh_token: z.string().min(1) }).strict(),
      keyed((request, standIn) => {
        // the API refreshes with the JWT it issued; an expired one still refreshes
        const issued = standIn.tokens[(request.body as { refresh_token: string }).refresh_token]
        const found = issued && standIn.contacts[issued.contact_id]
        return found
          ? standIn.tokenAnswer(found)
          : errorAnswer(401, "INVALID_TOKEN", "The refresh token is not valid", "refresh_token")
      })
    ),
    route(
      "update_contact",
      "PUT",
      /^\/contacts\/(?<id>[^/]+)$/,
      contact,
      updateSchema,
      authorised((request, _standIn, stored) => {
        Object.assign(stored, request.body)
        return { status: 200, body: { id: stored.id } }
      })
    ),
    route(
      "update_consents",
      "PUT",
      /^\/contacts\/(?<id>[^/]+)\/consents$/,
      contact,
      z.object({ consent_state: upper }).strict(),
      authorised((request, _standIn, stored) => {
        stored.consent_state = (request.body as { consent_state: string }).consent_state
        return { status: 200, body: { id: stored.id } }
      })
    ),
    route(
      "get_contact",
      "GET",
      /^\/contacts\/(?<id>[^/]+)$/,
      { api_key: /./, Authorization: contact.Authorization },
      null,
      authorised((_request, _standIn, stored) => {
        const { password: _password, username: _username, ...visible } = stored
        return { status: 200, body: visible }
      })
    ),
    // the rewards reads, for CRM.COM as the loyalty source
    ...crmComRewardRoutes(config.apiKey),
    // the shopper's rewards writes, for CRM.COM as the loyalty source
    ...crmComRewardWriteRoutes(config.apiKey),
  ]
}

export function createCrmComStandIn(config: CrmComStandInConfig): CrmComStandIn {
  return new CrmComStandIn(config)
}
