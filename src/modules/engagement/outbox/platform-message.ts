/** The longest platform message the admin shows; the delivery's drawer keeps the whole answer. */
export const PLATFORM_MESSAGE_MAX = 300

// where platforms put their words in an error body (JSON APIs; an XML error's <Message>)
const MESSAGE_KEYS = ["message", "Message", "error_description", "errorMessage", "ErrorMessage", "detail", "title"]

function fromObject(body: Record<string, unknown>, depth: number): string | undefined {
  for (const key of MESSAGE_KEYS) {
    if (typeof body[key] === "string" && body[key]) {
      return body[key] as string
    }
  }
  // {"error": "..."}, {"error": {"message": "..."}}, {"errors": [{"message": "..."}]}
  for (const key of ["error", "errors", "Error"]) {
    const inner = body[key]
    if (typeof inner === "string" && inner) {
      return inner
    }
    const found = depth < 3 ? fromValue(inner, depth + 1) : undefined
    if (found) {
      return found
    }
  }
  return undefined
}

function fromValue(value: unknown, depth: number): string | undefined {
  if (Array.isArray(value)) {
    const messages = value.map((item) => fromValue(item, depth + 1)).filter(Boolean)
    return messages.length ? messages.join("; ") : undefined
  }
  if (value && typeof value === "object") {
    return fromObject(value as Record<string, unknown>, depth)
  }
  return typeof value === "string" && value.trim() ? value : undefined
}

const shorten = (text: string) => {
  const flat = text.replace(/\s+/g, " ").trim()
  return flat.length > PLATFORM_MESSAGE_MAX ? `${flat.slice(0, PLATFORM_MESSAGE_MAX - 1)}…` : flat
}

/**
 * The platform's own words from the answer the outbox kept of a row's last attempt
 * (`response_summary.body`): a JSON error's message, an XML `<Message>`, or a short text body.
 * Null when the platform said nothing readable (an empty body, an HTML error page).
 */
export function platformMessage(summary: unknown): string | null {
  const body = summary && typeof summary === "object" ? (summary as { body?: unknown }).body : undefined
  if (typeof body === "string") {
    const xml = /<(?:Message|ErrorMessage)>([^<]+)<\//.exec(body)
    if (xml) {
      return shorten(xml[1])
    }
    return body.trim() && !/^\s*</.test(body) ? shorten(body) : null
  }
  const found = fromValue(body, 0)
  return found ? shorten(found) : null
}
