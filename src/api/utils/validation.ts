import { validateAndTransformQuery } from "@medusajs/framework/http"
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import { describeIssues } from "../../utils/zod-issues"

/**
 * Input rules shared by every route of the plugin (see "Input rules" in docs/security.md): every string
 * is text PostgreSQL can store (no NUL byte, well-formed Unicode) of bounded length, every object
 * is strict, lists sort only by an allowed field, and a 400 names the field it is about
 * (`describeIssues`).
 */

/** The longest string a field takes unless it says otherwise. */
export const MAX_TEXT_LENGTH = 2000

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** Adds the rules every string obeys to a string schema (PostgreSQL refuses both in text). */
export function storable<T extends z.ZodString>(schema: T): T {
  return schema
    .refine((value) => !value.includes("\u0000"), { message: "must not contain NUL bytes", abort: true })
    .refine((value) => !LONE_SURROGATE.test(value), {
      message: "must be well-formed Unicode (no lone surrogates)",
      abort: true,
    })
}

/** A string PostgreSQL can store, of at most `max` characters. */
export function text({ min = 0, max = MAX_TEXT_LENGTH }: { min?: number; max?: number } = {}) {
  return storable(z.string().min(min).max(max))
}

/** A non-empty string, the shape of an id or a filter value. */
export const identifier = () => text({ min: 1, max: 256 })

/** The earliest date of birth any route accepts. */
export const EARLIEST_BIRTH_DATE = "1900-01-01"

/** Today where it is latest (UTC+14): no one anywhere was born after it. */
export const latestBirthDate = (now = Date.now()) => new Date(now + 14 * 3_600_000).toISOString().slice(0, 10)

/**
 * A date of birth (YYYY-MM-DD) between 1900-01-01 and today: `0000-01-01` and `9999-12-31` are
 * calendar days, but no one's birthday, and the platforms would be sent them.
 */
export function withinBirthDates<T extends z.ZodType<string>>(schema: T) {
  return schema.refine((day) => day >= EARLIEST_BIRTH_DATE && day <= latestBirthDate(), {
    message: `must be between ${EARLIEST_BIRTH_DATE} and today`,
  })
}

/**
 * `order` of a list route: one of the allowed fields, optionally prefixed with `-` (descending).
 * Medusa's own check only runs when the query config lists `allowed` fields, and then does not
 * say which ones are.
 */
export function sortOrder(fields: readonly string[]) {
  return text({ min: 1, max: 64 }).refine((value) => fields.includes(value.replace(/^-/, "")), {
    message: `must be one of ${fields.join(", ")} (prefix - for descending)`,
  })
}

/** `fields` of a route: a comma-separated list of the allowed fields, each optionally prefixed with + or -. */
export function selectedFields(fields: readonly string[]) {
  return text({ min: 1, max: 2000 }).refine(
    (value) => value.split(",").every((field) => fields.includes(field.trim().replace(/^[+-]/, ""))),
    { message: `must list only ${fields.join(", ")}` }
  )
}

type ObjectSchema = z.ZodObject<z.ZodRawShape>

/**
 * Like Medusa's `validateAndTransformBody`, with the plugin's messages: Medusa's reports a wrong
 * type as "is required" and names no field for a body that is not an object.
 */
export function validateBody(schema: ObjectSchema) {
  const strict = schema.strict()
  return async function validateEngagementBody(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
    const body = req.body === undefined ? {} : req.body
    const result = await strict.safeParseAsync(body)
    if (!result.success) {
      return next(new MedusaError(MedusaError.Types.INVALID_DATA, describeIssues(result.error.issues, body, "body")))
    }
    req.validatedBody = result.data
    next()
  }
}

/**
 * The query as Medusa's `validateAndTransformQuery` reads it (`a.b=c` is `{a: {b: c}}`, one value
 * with commas is a list); a key nested deeper is refused here, where Medusa answers a 500.
 */
function normalizedQuery(query: MedusaRequest["query"]): { query: Record<string, unknown> } | { problem: string } {
  const normalized: Record<string, unknown> = {}
  for (const [key, raw] of Object.entries(query)) {
    const value = Array.isArray(raw) && raw.length === 1 && typeof raw[0] === "string" ? raw[0].split(",") : raw
    const [parent, child, ...deeper] = key.split(".")
    if (deeper.length) {
      return { problem: `${key}: unknown field` }
    }
    if (child === undefined) {
      normalized[key] = value
    } else {
      const existing = normalized[parent]
      normalized[parent] = { ...(existing && typeof existing === "object" ? existing : {}), [child]: value }
    }
  }
  return { query: normalized }
}

type QueryConfig = Parameters<typeof validateAndTransformQuery>[1]

/**
 * Medusa's `validateAndTransformQuery` (fields, pagination, `req.queryConfig`) behind a check that
 * answers a 400 naming the parameter for anything the schema refuses.
 */
export function validateQuery(schema: ObjectSchema, config: QueryConfig = {}) {
  const strict = schema.strict()
  const medusa = validateAndTransformQuery(strict, config)
  return async function validateEngagementQuery(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
    const normalized = normalizedQuery(req.query)
    if ("problem" in normalized) {
      return next(new MedusaError(MedusaError.Types.INVALID_DATA, normalized.problem))
    }
    const result = await strict.safeParseAsync(normalized.query)
    if (!result.success) {
      return next(
        new MedusaError(MedusaError.Types.INVALID_DATA, describeIssues(result.error.issues, normalized.query, "query"))
      )
    }
    return medusa(req, res, next)
  }
}

/** A route that reads no query parameters refuses every one. */
export const NoQuery = z.object({}).strict()

/** A route with parameters (`/contacts/:id/sync`) as a pattern and the names of its parameters. */
type ParamRoute = { pattern: RegExp; names: string[] }

function paramRoute(matcher: string): ParamRoute {
  const names: string[] = []
  const source = matcher
    .split("/")
    .map((segment) => {
      if (segment.startsWith(":")) {
        names.push(segment.slice(1))
        return "([^/]*)"
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    })
    .join("/")
  return { pattern: new RegExp(`^${source}/?$`), names }
}

// this runs before every request of the server (Medusa's own routes too): each list's patterns
// are built once, not per request
const compiledRoutes = new WeakMap<readonly string[], ParamRoute[]>()

function compiled(matchers: readonly string[]): ParamRoute[] {
  let routes = compiledRoutes.get(matchers)
  if (!routes) {
    routes = matchers.map(paramRoute)
    compiledRoutes.set(matchers, routes)
  }
  return routes
}

/**
 * What is wrong with the parameters of `path` (`id: must be valid UTF-8`), or null: each must
 * decode to storable text (`%FF`, `%ED%A0%80` and `%00` do not).
 */
export function pathParamProblem(path: string, matchers: readonly string[]): string | null {
  for (const { pattern, names } of compiled(matchers)) {
    const match = pattern.exec(path)
    if (!match) {
      continue
    }
    for (const [index, name] of names.entries()) {
      let decoded: string
      try {
        decoded = decodeURIComponent(match[index + 1])
      } catch {
        return `${name}: must be valid UTF-8`
      }
      const result = text({ min: 1, max: 256 }).safeParse(decoded)
      if (!result.success) {
        return describeIssues(result.error.issues, decoded, name)
      }
    }
    return null
  }
  return null
}

/**
 * Refuses a path whose parameters are not storable text with a 400 naming the parameter, before
 * a route reads them (PostgreSQL refuses a NUL byte with an error Medusa answers as a 500).
 */
export function refuseMalformedPathParams(matchers: readonly string[]) {
  return function refuseMalformedEngagementPath(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
    const problem = pathParamProblem(req.path, matchers)
    next(problem ? new MedusaError(MedusaError.Types.INVALID_DATA, problem) : undefined)
  }
}
