import { trackWork } from "./work-in-flight"

/**
 * A database error as it may be logged: PostgreSQL's code, table, constraint and column names,
 * never the statement. knex and MikroORM put the whole SQL with its bound values (emails, IPs,
 * consent wording) in `message`, so that message must not reach a log or a response.
 */

type DatabaseErrorLike = {
  code: string
  table?: string
  constraint?: string
  column?: string
  detail?: string
  routine?: string
}

/** A PostgreSQL error (SQLSTATE code), thrown directly or serialized by the workflow engine. */
export function isDatabaseError(error: unknown): error is DatabaseErrorLike {
  if (typeof error !== "object" || error === null) {
    return false
  }
  const { code, routine, severity, sqlState } = error as Record<string, unknown>
  return (
    typeof code === "string" &&
    /^[0-9A-Z]{5}$/.test(code) &&
    (typeof routine === "string" || typeof severity === "string" || typeof sqlState === "string")
  )
}

/** The columns a constraint error is about (`Key (email)=(…)` → `email`), without their values. */
export function columnsOf(error: DatabaseErrorLike): string[] {
  const keys = /^Key \(([^)]*)\)=/.exec(error.detail ?? "")?.[1]
  return keys ? keys.split(",").map((key) => key.trim()) : error.column ? [error.column] : []
}

/** `database error 23505 on engagement_consent (constraint …, columns …)`: nothing a person typed. */
export function describeDatabaseError(error: DatabaseErrorLike): string {
  const parts = [
    error.constraint ? `constraint ${error.constraint}` : null,
    columnsOf(error).length ? `columns ${columnsOf(error).join(", ")}` : null,
  ].filter(Boolean)
  return `database error ${error.code}${error.table ? ` on ${error.table}` : ""}${parts.length ? ` (${parts.join(", ")})` : ""}`
}

/** What a log line may say about any error: its message, or for a database error its description. */
export function loggableMessage(error: unknown): string {
  if (isDatabaseError(error)) {
    return describeDatabaseError(error)
  }
  return error instanceof Error ? error.message : String((error as { message?: unknown })?.message ?? error)
}

/**
 * A phone number standing on its own (`+46 70 123 45 67`, `%2B46701234567` in a path): never digits
 * inside a word, so an id (`cart_01M95Q3E1H2MT46701234567PP6PY9`) stays whole.
 */
const PHONE = /(?<![\w%+])(?:\+|%2[Bb])?\d[\d ]{5,}\d(?!\w)/g

/** A message with the emails and phone numbers it names replaced, for a log line. */
export function withoutContactDetails(message: string): string {
  return message.replace(/[^\s@'"(),:;<>/]+@[^\s@'"(),:;<>/]+/g, "<email>").replace(PHONE, "<phone>")
}

/**
 * A subscriber or job whose database errors are rethrown as their description: Medusa's event
 * bus and job runner log whatever a handler throws, SQL and bound values included. While it runs
 * it is counted as the plugin's work in flight, unless `counted` is false (the jobs: a run of the
 * sweep job lasts up to most of a minute while rows fall due).
 */
export function withLoggableErrors<A extends unknown[]>(
  handler: (...args: A) => Promise<void>,
  { counted = true }: { counted?: boolean } = {}
): (...args: A) => Promise<void> {
  const run = async (...args: A) => {
    try {
      await handler(...args)
    } catch (error) {
      throw isDatabaseError(error) ? new Error(describeDatabaseError(error)) : error
    }
  }
  // counted while it runs, so a test's reset can wait for it (work-in-flight.ts)
  const wrapped = counted ? (...args: A) => trackWork(run(...args)) : run
  Object.defineProperty(wrapped, "name", { value: handler.name })
  return wrapped
}
