/**
 * The route fuzzer of fuzz.spec.ts: every route the plugin serves, a valid body for each, and the
 * ways of breaking bodies, query strings and path parameters.
 */
import fs from "node:fs"
import path from "node:path"
import type { AxiosInstance } from "axios"

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE"
export type Route = { method: Method; path: string; params: string[] }

const API_DIR = path.resolve(__dirname, "../../src/api")

/** Every route the plugin serves, read from src/api/** so a new route is fuzzed without editing this file. */
export function discoverRoutes(dir = API_DIR): Route[] {
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
export const VALID_BODIES: Record<string, Record<string, unknown>> = {
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
  "POST /admin/engagement/contacts/lookup": { email: "fuzz-shopper@example.com" },
  "POST /admin/engagement/contacts/:id/consents": {
    consents: [{ purpose: "email_marketing", value: "True", wording: "Newsletter v1", info: { where: "admin" } }],
  },
  "POST /admin/engagement/contacts/:id/sync": { reset: false },
  "POST /admin/engagement/contacts/:id/journeys/cancel": { reason: "asked by phone" },
  // never the fuzz contact's customer id: a valid-looking confirmation that erases no one (400)
  "POST /admin/engagement/contacts/:id/erase": { confirm: "cus_not_this_contact" },
  "POST /admin/engagement/deliveries/:id/retry": {},
  "POST /admin/engagement/deliveries/retry": { filter: { status: ["dead"], platform: ["recensus"] } },
  "POST /admin/engagement/deliveries/cancel": { filter: { status: ["dead"], platform: ["recensus"] } },
  "POST /admin/engagement/review-requests/:id/send": {},
  "POST /admin/engagement/review-requests/:id/cancel": { reason: "asked by phone" },
  "POST /admin/engagement/review-requests/:id/reschedule": { send_at: "2099-01-01T10:00:00Z" },
  "POST /admin/engagement/settings/:area": { version: 0, values: { pending_days: 1 }, apply_to_scheduled: false },
  "POST /admin/engagement/settings/:area/preview": { values: { pending_days: 1 } },
  "POST /admin/engagement/settings/:area/restore": { version: 1, restore_version: 1 },
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

export const MEGABYTE = "x".repeat(1024 * 1024)
export const UNKNOWN = "fuzz_unknown_field"

/** Values that must never reach the database: each one replaces a valid value in turn. */
export const BAD_VALUES: Array<[string, unknown]> = [
  ["NUL", "a\u0000b"],
  ["lone surrogate", "a\ud800b"],
  ["1 MB string", MEGABYTE],
  ["number", 42],
  ["boolean", true],
  ["null", null],
  ["array", ["a"]],
  ["object", { a: "b" }],
]

export type Mutation = { label: string; body: unknown; field: string }

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
export function mutationsOf(valid: Record<string, unknown>): Mutation[] {
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
export const QUERY_KEYS = [
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
export const QUERY_VALUES: Array<[string, (key: string) => string]> = [
  ["%00", (key) => `${key}=a%00b`],
  ["%FF", (key) => `${key}=%FF`],
  ["%ED%A0%80", (key) => `${key}=%ED%A0%80`],
  ["unknown value", (key) => `${key}=nonexistent`],
  ["10 kB", (key) => `${key}=${"y".repeat(10_000)}`],
  ["repeated", (key) => `${key}=a&${key}=b`],
  ["nested", (key) => `${key}[a]=b`],
]
/** Sent once per route: the shapes above cover every key, these only need trying once. */
export const QUERY_ONCE: Array<[string, string]> = [
  ["order", "order=-nonexistent"],
  ["order", "order="],
  ["fields", "fields=id,nonexistent"],
  ["a.b.c", "a.b.c=1"],
  ["limit", "limit=-1"],
  ["offset", "offset=1e309"],
]

export const PATH_VALUES = ["%FF", "%ED%A0%80", "a%00b", "%00", "nonexistent"]

export type Identity = { name: string; headers: Record<string, string> }
export type Outcome = { request: string; status: number; message?: string; field?: string }

export async function send(
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
export async function inBatches<T>(calls: Array<() => Promise<T>>, size = 8): Promise<T[]> {
  const results: T[] = []
  for (let index = 0; index < calls.length; index += size) {
    results.push(...(await Promise.all(calls.slice(index, index + size).map((call) => call()))))
  }
  return results
}
