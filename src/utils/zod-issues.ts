import type { z } from "@medusajs/framework/zod"

/** How a zod failure reads in a 400: `<field>: <what is wrong>`, in words a storefront developer acts on. */

type Issue = z.ZodError["issues"][number]
type Path = ReadonlyArray<PropertyKey>

function valueAt(input: unknown, path: Path): { found: boolean; value: unknown } {
  let value: unknown = input
  for (const key of path) {
    if (value === null || typeof value !== "object" || !(key in (value as object))) {
      return { found: false, value: undefined }
    }
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return { found: true, value }
}

const kindOf = (value: unknown) =>
  value === null
    ? "null"
    : Array.isArray(value)
      ? "an array"
      : typeof value === "object"
        ? "an object"
        : `a ${typeof value}`

const fieldName = (path: Path, root: string) => (path.length ? path.map(String).join(".") : root)

const sizeUnit = (origin: unknown) => (origin === "string" ? " characters" : origin === "array" ? " items" : "")

/** A schema's message without the field name it may already start with (`dateOfBirth: a day…`). */
const withoutFieldName = (message: string, path: Path) => {
  const last = path.length ? `${String(path[path.length - 1])}: ` : null
  return last && message.startsWith(last) ? message.slice(last.length) : message
}

/** What a field must be, in words with its article: "an integer" (zod's `int`), "an object", "a string". */
const EXPECTED_NAMES: Record<string, string> = { int: "an integer", bigint: "an integer", nan: "NaN" }
export function expectedKind(expected: string): string {
  return EXPECTED_NAMES[expected] ?? `${/^[aeiou]/i.test(expected) ? "an" : "a"} ${expected}`
}

/** One issue as `<field>: <what is wrong>`; enum issues list the allowed values. */
function describeIssue(issue: Issue, input: unknown, root: string): string {
  const field = fieldName(issue.path, root)
  switch (issue.code) {
    case "invalid_type": {
      const { found, value } = valueAt(input, issue.path)
      if (!found) {
        return `${field}: required`
      }
      // a fraction where a whole number belongs: the number itself says more than "a number"
      const got = issue.expected === "int" && typeof value === "number" ? String(value) : kindOf(value)
      return `${field}: must be ${expectedKind(issue.expected)}, got ${got}`
    }
    case "invalid_value":
      return valueAt(input, issue.path).found
        ? `${field}: must be one of ${issue.values.map(String).join(", ")}`
        : `${field}: required (one of ${issue.values.map(String).join(", ")})`
    case "unrecognized_keys":
      return `${issue.keys.map((key) => fieldName([...issue.path, key], root)).join(", ")}: unknown field${issue.keys.length > 1 ? "s" : ""}`
    case "too_big":
      if (!issue.message.startsWith("Too big")) {
        return `${field}: ${withoutFieldName(issue.message, issue.path)}`
      }
      return issue.inclusive === false
        ? `${field}: must be less than ${String(issue.maximum)}${sizeUnit(issue.origin)}`
        : `${field}: at most ${String(issue.maximum)}${sizeUnit(issue.origin)}`
    case "too_small":
      if (!issue.message.startsWith("Too small")) {
        return `${field}: ${withoutFieldName(issue.message, issue.path)}`
      }
      if (issue.origin === "string" && Number(issue.minimum) === 1) {
        return `${field}: must not be empty`
      }
      // `.positive()` is a bound that excludes its value: 0 is refused, so "at least 0" would mislead
      return issue.inclusive === false
        ? `${field}: must be greater than ${String(issue.minimum)}${sizeUnit(issue.origin)}`
        : `${field}: at least ${String(issue.minimum)}${sizeUnit(issue.origin)}`
    case "invalid_format":
      // a schema's own words name the rule ("digits, optionally after +…"); zod's own say only "Invalid …"
      if (!issue.message.startsWith("Invalid")) {
        return `${field}: ${withoutFieldName(issue.message, issue.path)}`
      }
      return issue.format === "regex"
        ? `${field}: must match the pattern ${String((issue as { pattern?: unknown }).pattern)}`
        : `${field}: must be a valid ${issue.format}`
    case "invalid_union": {
      // the alternative that got furthest: one that failed on something other than its type
      const alternatives = issue.errors.map((issues) =>
        issues.map((nested) => ({ ...nested, path: [...issue.path, ...nested.path] }) as Issue)
      )
      const closest =
        alternatives.find((issues) => issues.some((nested) => nested.code !== "invalid_type")) ?? alternatives[0]
      return closest?.length ? describeIssue(closest[0], input, root) : `${field}: ${issue.message}`
    }
    case "invalid_key":
      return `${field}: has a key that ${issue.issues.map((nested) => describeIssue({ ...nested, path: [] } as Issue, undefined, "").replace(/^: /, "")).join(", ")}`
    default:
      return `${field}: ${issue.message}`
  }
}

/** A zod failure as one message naming each field (at most five), for a 400. */
export function describeIssues(issues: readonly Issue[], input: unknown, root: string): string {
  return issues
    .slice(0, 5)
    .map((issue) => describeIssue(issue, input, root))
    .join("; ")
}
