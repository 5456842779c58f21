import { MedusaError } from "@medusajs/framework/utils"
import { SettingsConflictError } from "./setting-versions"

describe("SettingsConflictError", () => {
  const saved_at = new Date("2026-12-06T10:00:00.000Z")
  const conflict = {
    area: "loyalty-earning",
    current: 3,
    base_version: 2,
    saver: { actor_type: "user", actor_id: "user_1", saved_at },
  }

  it("is a 409 naming the newest version and who saved it, and carries them as data", () => {
    const error = new SettingsConflictError(conflict)
    expect(error).toBeInstanceOf(MedusaError)
    expect(error.type).toBe(MedusaError.Types.CONFLICT)
    expect(error.message).toBe(
      "version: the loyalty-earning settings are at version 3 (saved by user user_1 at 2026-12-06T10:00:00.000Z), not 2; reload them and edit again"
    )
    expect(error.conflict.saver?.actor_id).toBe("user_1")
  })

  it("names the saver as the caller knows them, keeping the conflict", () => {
    const named = new SettingsConflictError(conflict).naming("ada@example.com")
    expect(named.message).toContain("(saved by ada@example.com at 2026-12-06T10:00:00.000Z)")
    expect(named.conflict).toEqual(conflict)
  })

  it("says no one saved an area never saved", () => {
    expect(new SettingsConflictError({ ...conflict, current: 0, saver: null }).message).toContain("(saved by no one)")
  })
})
