import { durationMs } from "./duration"
import { engagementOptionsFromEnv } from "./env"

describe("engagementOptionsFromEnv", () => {
  it("reads durations with units", () => {
    expect(durationMs("0s")).toBe(0)
    expect(durationMs("10m")).toBe(600_000)
    expect(durationMs("7d")).toBe(604_800_000)
    expect(durationMs("250")).toBe(250)
    expect(() => durationMs("soon")).toThrow(/Not a duration/)
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
})
