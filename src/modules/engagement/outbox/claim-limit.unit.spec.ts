import { claimLimit, claimRoom, leaseTooShort, mayStillAttempt } from "./claim-limit"

describe("claimLimit", () => {
  it("claims no more rows than the platform's concurrency can finish, each with a check and a call, before the lease runs out", () => {
    // 4 at once, at most 20 s each (check + call): 6 rounds in 120 s
    expect(claimLimit({ batch_size: 50, lease_ms: 120_000 }, { concurrency: 4, timeout_ms: 10_000 })).toBe(24)
    expect(claimLimit({ batch_size: 50, lease_ms: 120_000 }, { concurrency: 4, timeout_ms: 1_000 })).toBe(50)
    expect(claimLimit({ batch_size: 50, lease_ms: 5_000 }, { concurrency: 8, timeout_ms: 2_000 })).toBe(8)
  })
})

describe("leaseTooShort", () => {
  it("names a platform whose one attempt (a check and a call) could outlast the lease", () => {
    expect(leaseTooShort(120_000, { engage: { timeout_ms: 10_000 } })).toBeNull()
    expect(leaseTooShort(15_000, { engage: { timeout_ms: 10_000 } })).toBe(
      "outbox.lease_ms (15000) must be at least twice platforms.engage.timeout_ms (10000): an attempt that outlasts its lease is sent again by another worker while still in flight"
    )
  })
})

describe("claimRoom", () => {
  it("holds a round of rows ahead only when the lease covers two attempts in a row", () => {
    expect(claimRoom({ batch_size: 50, lease_ms: 120_000 }, { concurrency: 4, timeout_ms: 10_000 })).toEqual({
      rounds: 2,
      limit: 24,
    })
    // one attempt (a check and a call) fills the lease: only the free slots
    expect(claimRoom({ batch_size: 50, lease_ms: 5_000 }, { concurrency: 8, timeout_ms: 2_000 })).toEqual({
      rounds: 1,
      limit: 8,
    })
  })
})

describe("mayStillAttempt", () => {
  it("refuses a held row whose whole attempt could no longer end within its lease", () => {
    const outbox = { lease_ms: 60_000 }
    const platform = { timeout_ms: 10_000 }
    expect(mayStillAttempt(1_000, 1_000, outbox, platform)).toBe(true)
    expect(mayStillAttempt(1_000, 41_000, outbox, platform)).toBe(true)
    expect(mayStillAttempt(1_000, 41_001, outbox, platform)).toBe(false)
  })
})
