import fs from "node:fs"
import path from "node:path"
import { inspect } from "node:util"
import type { AxiosInstance } from "axios"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { engagementOf } from "../../helpers/engagement"
import { responseOf } from "../../helpers/http"
import { eventually } from "../../helpers/stand-ins"
import { createAdminHeaders, createShopper, seedTestStore } from "../../helpers/store"

jest.setTimeout(180_000)

beforeAll(() => {
  process.env.ENGAGEMENT_LINK_SECRET ??= "integration-test-link-secret"
})

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE"
type Route = { method: Method; path: string; params: string[] }

const API_DIR = path.resolve(__dirname, "../../../src/api")

/** Every route the plugin serves, read from src/api/** so a new route is fuzzed without editing this file. */
function discoverRoutes(dir = API_DIR): Route[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      return discoverRoutes(full)
    }
    if (entry.name !== "route.ts") {
      return []
    }
    const segments = path.relative(API_DIR, path.dirname(full)).split(path.sep)
    const routePath = "/" + segments.map((segment) => segment.replace(/^\[(.+)\]$/, ":$1")).join("/")
    const params = segments.filter((segment) => /^\[.+\]$/.test(segment)).map((segment) => segment.slice(1, -1))
    const source = fs.readFileSync(full, "utf8")
    const methods = [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map(
      (match) => match[1] as Method
    )
    return methods.map((method) => ({ method, path: routePath, params }))
  })
}

/**
 * A valid body for every route that takes one. The fuzzer breaks each field of it in turn;
 * a new POST route fails the suite until it has an entry here.
 */
const VALID_BODIES: Record<string, Record<string, unknown>> = {
  // signed by the review platform: without the signature (and with the webhook off here) every call is refused
  "POST /engagement/webhooks/reviews": { order_id: "order_1", line_item_id: "ordli_1" },
  "POST /admin/engagement/contacts": {
    mode: "AddOrUpdate",
    matchBy: "Email",
    data: [
      {
        email: "fuzz@example.com",
        phone: "+46700000000",
        crmId: "crm-fuzz",
        firstName: "Fuzz",
        lastName: "Tester",
        gender: "Female",
        customAttributes: [{ name: "shoe_size", value: "38" }],
      },
    ],
  },
  "POST /admin/engagement/contacts/:id/consents": {
    consents: [{ purpose: "email_marketing", value: "True", wording: "Newsletter v1", info: { where: "admin" } }],
  },
  "POST /admin/engagement/contacts/:id/sync": { reset: false },
  "POST /admin/engagement/contacts/:id/journeys/cancel": { reason: "asked by phone" },
  // never the fuzz contact's customer id: a valid-looking confirmation that erases no one (400)
  "POST /admin/engagement/contacts/:id/erase": { confirm: "cus_not_this_contact" },
  "POST /admin/engagement/deliveries/:id/retry": {},
  "POST /admin/engagement/deliveries/retry": { filter: { status: ["dead"], platform: ["recensus"] } },
  "POST /admin/engagement/review-requests/:id/send": {},
  "POST /admin/engagement/review-requests/:id/cancel": { reason: "asked by phone" },
  "POST /admin/engagement/review-requests/:id/reschedule": { send_at: "2099-01-01T10:00:00Z" },
  "POST /store/engagement/consents": {
    consents: [{ purpose: "email_marketing", value: "True", wording: "Newsletter v1", info: { where: "account" } }],
  },
  "POST /store/engagement/consents/confirm": { token: "not-a-token" },
  "POST /store/engagement/profile": {
    first_name: "Ada",
    last_name: "Lovelace",
    phone: "+46700000001",
    date_of_birth: "1990-02-03",
    gender: "Female",
    custom_attributes: { shoe_size: "38" },
  },
  "POST /store/engagement/unsubscribe": { token: "not-a-token" },
  "POST /admin/engagement/contacts/:id/loyalty/adjustments": {
    points: 10,
    reason: "goodwill",
    idempotency_key: "fuzz-key-0001",
  },
  "POST /admin/engagement/contacts/:id/loyalty/block": { reason: "fraud check" },
  "POST /admin/engagement/contacts/:id/loyalty/unblock": { reason: "cleared" },
  "POST /store/carts/:id/loyalty-points": { points: 100 },
  "DELETE /store/carts/:id/loyalty-points": {},
  "POST /store/engagement/loyalty/preferences": { auto_spend: { enabled: true, minimum_points: 500 } },
  "POST /engagement/unsubscribe": { token: "not-a-token" },
  "POST /store/engagement/referral/claim": { code: "NOSUCHCODE" },
  "POST /store/engagement/referral/invitations": { emails: ["friend@example.com"] },
  "POST /store/engagement/reward-schemes/:id/sign-up": { email: "ada@example-corp.com" },
  "POST /store/engagement/reward-schemes/:id/verify": { code: "123456" },
  "POST /store/engagement/reward-schemes/:id/sign-out": {},
}

const MEGABYTE = "x".repeat(1024 * 1024)
const UNKNOWN = "fuzz_unknown_field"

/** Values that must never reach the database: each one replaces a valid value in turn. */
const BAD_VALUES: Array<[string, unknown]> = [
  ["NUL", "a\u0000b"],
  ["lone surrogate", "a\ud800b"],
  ["1 MB string", MEGABYTE],
  ["number", 42],
  ["boolean", true],
  ["null", null],
  ["array", ["a"]],
  ["object", { a: "b" }],
]

type Mutation = { label: string; body: unknown; field: string }

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** The body with the value at `at` replaced. */
function replaced(body: unknown, at: Array<string | number>, value: unknown): unknown {
  if (!at.length) {
    return value
  }
  const [head, ...rest] = at
  const copy: any = Array.isArray(body) ? [...body] : { ...(body as object) }
  copy[head] = replaced(copy[head], rest, value)
  return copy
}

/** The name a 400 must mention for a problem at `at`: its last named key, or `body` at the root. */
function fieldNameOf(at: Array<string | number>): string {
  const named = at.filter((key): key is string => typeof key === "string")
  return named.length ? named[named.length - 1] : "body"
}

/** Every way of breaking a valid body: each value, each object (unknown fields, an array instead), the root. */
function mutationsOf(valid: Record<string, unknown>): Mutation[] {
  const mutations: Mutation[] = []
  const visit = (value: unknown, at: Array<string | number>) => {
    if (at.length) {
      for (const [label, bad] of BAD_VALUES) {
        mutations.push({ label: `${at.join(".")} = ${label}`, body: replaced(valid, at, bad), field: fieldNameOf(at) })
      }
    }
    if (isObject(value)) {
      mutations.push({
        label: `${at.join(".") || "body"} + unknown field`,
        body: replaced(valid, at, { ...value, [UNKNOWN]: "x" }),
        field: UNKNOWN,
      })
      for (const key of ["a\u0000b", "a\ud800b"]) {
        mutations.push({
          label: `${at.join(".") || "body"} + bad key`,
          body: replaced(valid, at, { ...value, [key]: "x" }),
          field: "",
        })
      }
      mutations.push({
        label: `${at.join(".") || "body"} as array`,
        body: replaced(valid, at, [value]),
        field: fieldNameOf(at),
      })
      Object.entries(value).forEach(([key, child]) => visit(child, [...at, key]))
    } else if (Array.isArray(value)) {
      value.forEach((child, index) => visit(child, [...at, index]))
    }
  }
  visit(valid, [])
  for (const root of [null, [], "text", 42]) {
    mutations.push({ label: `body = ${JSON.stringify(root)}`, body: root, field: "body" })
  }
  return mutations
}

/** Query strings that break each parameter a route may read, and ones it must not accept at all. */
const QUERY_KEYS = [
  "order",
  "fields",
  "limit",
  "offset",
  "status",
  "email",
  "phone",
  "crm_id",
  "customer_id",
  "order_id",
  "platform",
  "operation",
  "by",
  "token",
  UNKNOWN,
]
const QUERY_VALUES: Array<[string, (key: string) => string]> = [
  ["%00", (key) => `${key}=a%00b`],
  ["%FF", (key) => `${key}=%FF`],
  ["%ED%A0%80", (key) => `${key}=%ED%A0%80`],
  ["unknown value", (key) => `${key}=nonexistent`],
  ["10 kB", (key) => `${key}=${"y".repeat(10_000)}`],
  ["repeated", (key) => `${key}=a&${key}=b`],
  ["nested", (key) => `${key}[a]=b`],
]
/** Sent once per route: the shapes above cover every key, these only need trying once. */
const QUERY_ONCE: Array<[string, string]> = [
  ["order", "order=-nonexistent"],
  ["order", "order="],
  ["fields", "fields=id,nonexistent"],
  ["a.b.c", "a.b.c=1"],
  ["limit", "limit=-1"],
  ["offset", "offset=1e309"],
]

const PATH_VALUES = ["%FF", "%ED%A0%80", "a%00b", "%00", "nonexistent"]

type Identity = { name: string; headers: Record<string, string> }
type Outcome = { request: string; status: number; message?: string; field?: string }

async function send(
  api: AxiosInstance,
  method: Method,
  url: string,
  identity: Identity,
  body?: unknown
): Promise<Outcome> {
  const response = await api.request({
    method,
    url,
    data: body === undefined ? undefined : JSON.stringify(body),
    headers: { ...identity.headers, "content-type": "application/json" },
    validateStatus: () => true,
    maxBodyLength: Infinity,
    maxContentLength: Infinity,
    transformRequest: [(data) => data],
  })
  const message = typeof response.data?.message === "string" ? response.data.message : undefined
  return { request: `${identity.name} ${method} ${url.slice(0, 200)}`, status: response.status, message }
}

/** Runs the calls a few at a time: fast enough, and no flood of one shared test server. */
async function inBatches<T>(calls: Array<() => Promise<T>>, size = 8): Promise<T[]> {
  const results: T[] = []
  for (let index = 0; index < calls.length; index += size) {
    results.push(...(await Promise.all(calls.slice(index, index + size).map((call) => call()))))
  }
  return results
}

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    const routes = discoverRoutes()

    it("knows a valid body for every POST route the plugin serves", () => {
      const posts = routes.filter((route) => route.method !== "GET").map((route) => `${route.method} ${route.path}`)
      expect(posts.filter((route) => !VALID_BODIES[route])).toEqual([])
      expect(routes.length).toBeGreaterThan(15)
    })

    it("answers every malformed request to every route with a 4xx, and every 400 names the field", async () => {
      const store = await seedTestStore(getContainer())
      const pk = { "x-publishable-api-key": store.publishableKey }
      const admin = await createAdminHeaders(getContainer())
      const shopper = await createShopper(api, store, "fuzz-shopper@example.com", {
        first_name: "Fuzz",
        last_name: "Shopper",
      })
      // a real contact, so that routes under /contacts/:id get past the lookup and parse their input
      await api.get("/store/engagement/profile", shopper)
      const contacts = await api.get(`/admin/engagement/contacts?customer_id=${shopper.customerId}`, admin)
      const contactId: string = contacts.data.contacts[0].id

      const identities: Identity[] = [
        { name: "admin", headers: { ...pk, ...admin.headers } },
        { name: "customer", headers: shopper.headers },
        { name: "anonymous", headers: pk },
      ]
      const validPath = (route: Route) =>
        route.path.replace(/:(\w+)/g, (_, name) => (name === "id" ? contactId : "nonexistent"))

      // each route gets the whole fuzz as the identity it serves (admin for /admin, the shopper
      // elsewhere) and a sample as the others, who must be turned away before any parsing matters
      const servedBy = (route: Route) => (route.path.startsWith("/admin/") ? "admin" : "customer")
      const calls: Array<() => Promise<Outcome>> = []
      for (const identity of identities) {
        for (const route of routes) {
          const whole = servedBy(route) === identity.name
          const base = validPath(route)
          const valid = VALID_BODIES[`${route.method} ${route.path}`]
          // broken path ids
          for (const param of route.params) {
            for (const value of PATH_VALUES) {
              const url = route.path.replace(/:(\w+)/g, (_, name) =>
                name === param ? value : name === "id" ? contactId : "nonexistent"
              )
              // a well-formed id may be refused for another reason (a platform switched off)
              const field = value === "nonexistent" ? undefined : param
              calls.push(async () => ({ ...(await send(api, route.method, url, identity, valid)), field }))
            }
          }
          // broken query parameters
          for (const key of whole ? QUERY_KEYS : ["order", UNKNOWN]) {
            for (const [, make] of whole ? QUERY_VALUES : QUERY_VALUES.slice(0, 2)) {
              calls.push(async () => ({
                ...(await send(api, route.method, `${base}?${make(key)}`, identity, valid)),
                field: key,
              }))
            }
          }
          for (const [field, query] of whole ? QUERY_ONCE : []) {
            calls.push(async () => ({ ...(await send(api, route.method, `${base}?${query}`, identity, valid)), field }))
          }
          // broken bodies
          if (valid) {
            const mutations = mutationsOf(valid)
            for (const mutation of whole ? mutations : mutations.slice(-4)) {
              calls.push(async () => ({
                ...(await send(api, route.method, base, identity, mutation.body)),
                field: mutation.field,
              }))
            }
          }
        }
      }

      const outcomes = await inBatches(calls)
      const serverErrors = outcomes.filter((outcome) => outcome.status >= 500)
      const unnamed = outcomes.filter(
        (outcome) => outcome.status === 400 && outcome.field && !(outcome.message ?? "").includes(outcome.field)
      )
      expect({
        requests: outcomes.length,
        serverErrors: serverErrors.slice(0, 30),
        count: serverErrors.length,
      }).toEqual({
        requests: outcomes.length,
        serverErrors: [],
        count: 0,
      })
      const unnamedKinds = [...new Set(unnamed.map((outcome) => `${outcome.field}: ${outcome.message}`))]
      expect({ unnamed: unnamedKinds.slice(0, 40), count: unnamed.length }).toEqual({ unnamed: [], count: 0 })
    })

    it("answers the plugin's conflicts with their own message, not Medusa's Idempotency-Key text", async () => {
      const store = await seedTestStore(getContainer())
      const admin = await createAdminHeaders(getContainer())
      const add = { mode: "Add", matchBy: "Email", data: [{ email: "twice@example.com", firstName: "Twice" }] }
      await api.post("/admin/engagement/contacts", add, admin)
      const again = await responseOf(api.post("/admin/engagement/contacts", add, admin))
      expect([again.status, again.data.type]).toEqual([409, "conflict"])
      expect(again.data.message).toMatch(/^data\.0: /)

      const shopper = await createShopper(api, store, "link-user@example.com", {
        first_name: "Link",
        last_name: "User",
      })
      const token = engagementOf(getContainer()).signLinkToken({
        customer_id: shopper.customerId,
        purpose: "email_marketing",
        action: "unsubscribe",
      })
      await api.post(`/engagement/unsubscribe?token=${encodeURIComponent(token)}`)
      const replay = await responseOf(api.post(`/engagement/unsubscribe?token=${encodeURIComponent(token)}`))
      expect([replay.status, replay.data.message]).toEqual([409, "token: this link has already been used"])
    })

    it("logs a failed write by its database code and constraint, never the consent wording, user agent, IP or email", async () => {
      const store = await seedTestStore(getContainer())
      const shopper = await createShopper(api, store, "private-person@example.com", {
        first_name: "Private",
        last_name: "Person",
      })
      // the database refuses this one write, as it would a value no validation foresaw
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      await pg.raw(
        `ALTER TABLE engagement_consent ADD CONSTRAINT fuzz_refuses_wording CHECK (wording IS DISTINCT FROM 'I want the secret newsletter')`
      )

      const logger = getContainer().resolve(ContainerRegistrationKeys.LOGGER)
      const lines: string[] = []
      // the levels a production server logs (Medusa's own debug lines name every request's path)
      const spies = (["error", "warn", "info", "log"] as const).map((level) =>
        jest.spyOn(logger, level).mockImplementation(((...args: unknown[]) => {
          lines.push(args.map((arg) => (typeof arg === "string" ? arg : inspect(arg, { depth: 6 }))).join(" "))
        }) as never)
      )
      try {
        const refused = await responseOf(
          api.post(
            "/store/engagement/consents",
            { consents: [{ purpose: "email_marketing", value: "True", wording: "I want the secret newsletter" }] },
            { headers: { ...shopper.headers, "user-agent": "PrivateBrowser/9.9" } }
          )
        )
        expect(refused.status).toBe(500)
        expect(JSON.stringify(refused.data)).not.toMatch(/secret newsletter|PrivateBrowser|private-person|insert into/)
        // a 4xx whose message names the contact is logged without the email
        const admin = await createAdminHeaders(getContainer())
        const missing = await responseOf(api.get("/admin/engagement/contacts/email/nobody-here@example.com", admin))
        expect(missing.status).toBe(404)
      } finally {
        spies.forEach((spy) => spy.mockRestore())
        await pg.raw(`ALTER TABLE engagement_consent DROP CONSTRAINT fuzz_refuses_wording`)
      }

      const logged = lines.join("\n")
      expect(logged).toContain("database error 23514 on engagement_consent (constraint fuzz_refuses_wording)")
      expect(logged).toContain("Error 404 at /admin/engagement/contacts/email/<email>: No contact with email <email>")
      for (const personal of [
        "I want the secret newsletter",
        "PrivateBrowser/9.9",
        "private-person@example.com",
        "nobody-here@example.com",
        "127.0.0.1",
        "insert into",
      ]) {
        expect({ personal, found: logged.includes(personal) }).toEqual({ personal, found: false })
      }
      expect(await engagementOf(getContainer()).listConsents({ customer_id: shopper.customerId })).toEqual([])
    })

    it("logs a subscriber's failed write by its database code and constraint, never the shopper's name or email", async () => {
      const store = await seedTestStore(getContainer())
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      await pg.raw(
        `ALTER TABLE engagement_contact_profile ADD CONSTRAINT fuzz_refuses_name CHECK (first_name IS DISTINCT FROM 'Qwertyuiop')`
      )
      const logger = getContainer().resolve(ContainerRegistrationKeys.LOGGER)
      const lines: string[] = []
      const spies = (["error", "warn", "info", "log"] as const).map((level) =>
        jest.spyOn(logger, level).mockImplementation(((...args: unknown[]) => {
          lines.push(args.map((arg) => (typeof arg === "string" ? arg : inspect(arg, { depth: 6 }))).join(" "))
        }) as never)
      )
      try {
        // customer.created: the contact-sync subscriber's write of the profile is refused
        await createShopper(api, store, "refused-shopper@example.com", {
          first_name: "Qwertyuiop",
          last_name: "Asdfghjkl",
        })
        await eventually(async () => lines.some((line) => line.includes("fuzz_refuses_name")))
      } finally {
        spies.forEach((spy) => spy.mockRestore())
        await pg.raw(`ALTER TABLE engagement_contact_profile DROP CONSTRAINT fuzz_refuses_name`)
      }
      const logged = lines.join("\n")
      expect(logged).toContain("database error 23514 on engagement_contact_profile (constraint fuzz_refuses_name)")
      for (const personal of ["refused-shopper@example.com", "Qwertyuiop", "Asdfghjkl", "insert into"]) {
        expect({ personal, found: logged.includes(personal) }).toEqual({ personal, found: false })
      }
    })
  },
})
