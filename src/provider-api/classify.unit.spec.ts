import { classifyHttpAnswer, parseRetryAfter } from "./classify"

const answer = (status: number, headers: Record<string, string> = {}, body: unknown = null) => ({
  status,
  headers,
  body,
})

describe("classifyHttpAnswer", () => {
  it.each([200, 201, 202, 204])("treats %i as delivered", (status) => {
    expect(classifyHttpAnswer(answer(status)).kind).toBe("delivered")
  })

  it.each([500, 502, 503, 504, 408, 425, 429])("retries %i", (status) => {
    expect(classifyHttpAnswer(answer(status)).kind).toBe("retry")
  })

  it.each([400, 401, 403, 404, 409, 422])("fails %i for good, keeping the platform's reason", (status) => {
    const outcome = classifyHttpAnswer(answer(status, {}, { message: "email is invalid" }))
    expect(outcome).toEqual(expect.objectContaining({ kind: "failed" }))
    expect(outcome.kind === "failed" && outcome.reason).toContain("email is invalid")
  })

  it("passes Retry-After of a 429 on", () => {
    const outcome = classifyHttpAnswer(answer(429, { "retry-after": "7" }))
    expect(outcome).toEqual(expect.objectContaining({ kind: "retry", retry_after_ms: 7000 }))
  })
})

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("120")).toBe(120_000)
    const now = Date.parse("2026-01-01T00:00:00Z")
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now)).toBe(30_000)
    expect(parseRetryAfter("soon")).toBeUndefined()
    expect(parseRetryAfter(undefined)).toBeUndefined()
  })
})
