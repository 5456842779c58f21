import { PLATFORM_MESSAGE_MAX, platformMessage } from "./platform-message"
import { platformState } from "./platform-state"

describe("platformMessage", () => {
  it.each([
    [{ status: 400, body: { message: "Invalid list id" } }, "Invalid list id"],
    [{ status: 400, body: { error: { message: "Token expired" } } }, "Token expired"],
    [
      { status: 422, body: { errors: [{ message: "email is invalid" }, { message: "name is missing" }] } },
      "email is invalid; name is missing",
    ],
    [
      { status: 400, body: { error: "invalid_grant", error_description: "Refresh token revoked" } },
      "Refresh token revoked",
    ],
    [
      {
        status: 400,
        body: "<ApiResponse><ErrorMessage><Code>400</Code><Message>Subscriber list 7 not found</Message></ErrorMessage></ApiResponse>",
      },
      "Subscriber list 7 not found",
    ],
    [{ status: 503, body: "Service   temporarily\nunavailable" }, "Service temporarily unavailable"],
  ])("finds the platform's words in %j", (summary, expected) => {
    expect(platformMessage(summary)).toBe(expected)
  })

  it.each([
    [null],
    [{ status: 503, body: "" }],
    [{ status: 502, body: "<html><h1>Bad gateway</h1></html>" }],
    [{ status: 500, body: { code: 17 } }],
  ])("says nothing when the answer %j carries no words", (summary) => {
    expect(platformMessage(summary)).toBeNull()
  })

  it("shortens a long message", () => {
    const message = platformMessage({ status: 400, body: { message: "x".repeat(1000) } })!
    expect(message).toHaveLength(PLATFORM_MESSAGE_MAX)
    expect(message.endsWith("…")).toBe(true)
  })
})

describe("platformState", () => {
  const base = { name: "Rejoiner", configured: true, dry_run: false, paused_until: null }

  it.each([
    [{ attempted: 0, failed: 0 }, "healthy"],
    [{ attempted: 20, failed: 0 }, "healthy"],
    [{ attempted: 20, failed: 1 }, "degraded"],
    [{ attempted: 20, failed: 9 }, "degraded"],
    [{ attempted: 20, failed: 10 }, "failing"],
    [{ attempted: 1, failed: 1 }, "failing"],
  ])("judges %j as %s", (recent, state) => {
    expect(platformState({ ...base, recent }).state).toBe(state)
  })

  it("puts not configured, then dry-run, then a 429 pause before the outcomes", () => {
    const failing = { attempted: 4, failed: 4 }
    const paused_until = "2026-12-06T23:00:00.000Z"
    expect(platformState({ ...base, recent: failing, paused_until }).state).toBe("paused")
    expect(platformState({ ...base, recent: failing, paused_until, dry_run: true }).state).toBe("dry_run")
    expect(platformState({ ...base, recent: failing, dry_run: true, configured: false }).state).toBe("not_configured")
  })

  it("states the numbers it judged in its rule", () => {
    expect(platformState({ ...base, recent: { attempted: 8, failed: 3 } }).rule).toMatch(/^3 of 8 last attempts failed/)
  })
})
