import { toRecordedOutcome } from "./outcome"

const outbox = { base_delay_ms: 1000, max_delay_ms: 60_000 }
const row = (attempts: number) => ({ id: "engdel_1", attempts, max_attempts: 3 })

describe("toRecordedOutcome", () => {
  it("records a delivery with the platform's id and answer", () => {
    expect(
      toRecordedOutcome(row(1), { kind: "delivered", external_id: "50", status: 201, summary: { a: 1 } }, outbox)
    ).toEqual({
      id: "engdel_1",
      status: "delivered",
      external_id: "50",
      last_error: null,
      response_status: 201,
      response_summary: { a: 1 },
      in_doubt: false,
    })
  })

  it("puts a row in doubt when a call went out and no answer came back", () => {
    const timedOut = { kind: "retry" as const, reason: "no answer within 2000 ms", unanswered: true }
    expect(toRecordedOutcome(row(1), timedOut, outbox)).toEqual(
      expect.objectContaining({ status: "pending", in_doubt: true })
    )
    const refused = { kind: "retry" as const, reason: "network error ECONNREFUSED", unanswered: false }
    expect(toRecordedOutcome(row(1), refused, outbox)).toEqual(expect.objectContaining({ in_doubt: false }))
  })

  it("keeps a row in doubt through later answers until the platform says whether the earlier attempt arrived", () => {
    const inDoubt = { ...row(2), in_doubt: true }
    const unavailable = { kind: "retry" as const, reason: "HTTP 503", status: 503 }
    expect(toRecordedOutcome(inDoubt, unavailable, outbox)).toEqual(expect.objectContaining({ in_doubt: true }))
    expect(toRecordedOutcome(inDoubt, { ...unavailable, doubt_cleared: true }, outbox)).toEqual(
      expect.objectContaining({ status: "pending", in_doubt: false })
    )
    expect(toRecordedOutcome(inDoubt, { kind: "delivered", status: 200, doubt_cleared: true }, outbox)).toEqual(
      expect.objectContaining({ status: "delivered", in_doubt: false })
    )
  })

  it("fails a permanent error at once, whatever attempts remain", () => {
    expect(toRecordedOutcome(row(1), { kind: "failed", reason: "HTTP 400", status: 400 }, outbox)).toEqual(
      expect.objectContaining({ status: "failed", last_error: "HTTP 400" })
    )
  })

  it("waits the longer of backoff and Retry-After, then gives up after the last attempt", () => {
    const retry = { kind: "retry" as const, reason: "HTTP 503", status: 503 }
    expect(toRecordedOutcome(row(2), retry, outbox, () => 1)).toEqual(
      expect.objectContaining({ status: "pending", retry_in_ms: 2000 })
    )
    expect(toRecordedOutcome(row(1), { ...retry, retry_after_ms: 30_000 }, outbox, () => 1)).toEqual(
      expect.objectContaining({ status: "pending", retry_in_ms: 30_000 })
    )
    expect(toRecordedOutcome(row(3), retry, outbox)).toEqual(
      expect.objectContaining({ status: "dead", last_error: "HTTP 503 (gave up after 3 attempts)" })
    )
  })

  it("waits out a 429's Retry-After without using up an attempt, even on the last one", () => {
    const limited = { kind: "retry" as const, reason: "HTTP 429", status: 429, retry_after_ms: 3000 }
    expect(toRecordedOutcome(row(3), limited, outbox, () => 1)).toEqual(
      expect.objectContaining({ status: "pending", retry_in_ms: 3000, refund_attempt: true })
    )
    expect(toRecordedOutcome(row(1), { ...limited, retry_after_ms: undefined }, outbox, () => 1)).toEqual(
      expect.objectContaining({ status: "pending", retry_in_ms: 1000, refund_attempt: true })
    )
  })
})
