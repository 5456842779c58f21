import { durationMs } from "../../provider-api/duration"
import { engagementOptionsFromEnv } from "./env"
import { parseEngagementOptions } from "./options"

describe("engagementOptionsFromEnv", () => {
  it("reads durations with units", () => {
    expect(durationMs("0s")).toBe(0)
    expect(durationMs("10m")).toBe(600_000)
    expect(durationMs("7d")).toBe(604_800_000)
    expect(durationMs("250")).toBe(250)
    expect(() => durationMs("soon")).toThrow(/Not a duration/)
    // as a store owner types them in the admin's settings
    expect(durationMs("14 days")).toBe(14 * 86_400_000)
    expect(durationMs("1 Day")).toBe(86_400_000)
    expect(durationMs("2 hours")).toBe(7_200_000)
    expect(durationMs("30 minutes")).toBe(1_800_000)
    expect(durationMs("2w")).toBe(2 * 604_800_000)
    expect(() => durationMs("14 fortnights")).toThrow('Not a duration: "14 fortnights"')
    expect(() => durationMs("days")).toThrow(/Not a duration/)
    expect(() => durationMs("-1d")).toThrow(/Not a duration/)
  })

  it("turns the global dry-run on only for ENGAGEMENT_DRY_RUN=true", () => {
    expect(engagementOptionsFromEnv({ ENGAGEMENT_DRY_RUN: "true" }).outbox?.dry_run).toBe(true)
    expect(engagementOptionsFromEnv({ ENGAGEMENT_DRY_RUN: "false" }).outbox?.dry_run).toBe(false)
    expect(engagementOptionsFromEnv({}).outbox?.dry_run).toBeUndefined()
  })

  it("leaves the prompt contact sync to the workers in a server started with MEDUSA_WORKER_MODE=server", () => {
    expect(engagementOptionsFromEnv({ MEDUSA_WORKER_MODE: "server" }).contact_sync?.prompt).toBe(false)
    expect(engagementOptionsFromEnv({ MEDUSA_WORKER_MODE: "worker" }).contact_sync?.prompt).toBeUndefined()
    expect(engagementOptionsFromEnv({}).contact_sync?.prompt).toBeUndefined()
  })

  it("reads the reconciliation's window and grace period, 7 days and 5 minutes by default", () => {
    const secret = { consents: { link_secret: "a-strong-link-secret-0123456789-abcdefghij" } }
    const env = { ENGAGEMENT_RECONCILIATION_WINDOW_DAYS: "3", ENGAGEMENT_RECONCILIATION_GRACE: "30s" }
    expect(parseEngagementOptions({ ...engagementOptionsFromEnv(env), ...secret }).reconciliation).toEqual({
      window_days: 3,
      grace_ms: 30_000,
      batch_size: 100,
    })
    expect(parseEngagementOptions({ ...engagementOptionsFromEnv({}), ...secret }).reconciliation).toEqual({
      window_days: 7,
      grace_ms: 300_000,
      batch_size: 100,
    })
    expect(() => parseEngagementOptions({ ...secret, reconciliation: { window_days: 0 } })).toThrow(
      /reconciliation.window_days/
    )
  })
})
