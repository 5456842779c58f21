import { LOYALTY_SETTINGS_AREAS } from "../modules/loyalty/settings"
import { resolveLoyaltyOptions } from "../modules/loyalty/options"
import { SettingsCache, SettingVersionRow } from "./setting-versions"
import { applySavedSettings, parseAreaValues, refusedVersionMessage, RefusedVersion } from "./settings-areas"

const earning = LOYALTY_SETTINGS_AREAS.find((area) => area.id === "loyalty-earning")!
const schemes = LOYALTY_SETTINGS_AREAS.find((area) => area.id === "loyalty-schemes")!
const tiers = LOYALTY_SETTINGS_AREAS.find((area) => area.id === "loyalty-tiers")!
const version = (area: string, values: Record<string, unknown> | null) =>
  ({
    area,
    version: 1,
    values,
    actor_type: "user",
    actor_id: "user_1",
    restored_from: null,
    created_at: new Date(),
  }) as SettingVersionRow

describe("settings areas", () => {
  it("parses an area's values with the option's schema, filling defaults, and names every wrong or unknown field", () => {
    expect(parseAreaValues(earning, { pending_days: 14 })).toMatchObject({ pending_days: 14, rounding: "down" })
    expect(() => parseAreaValues(earning, { pending_days: -1 })).toThrow(/^values\.pending_days: /)
    expect(() => parseAreaValues(earning, { caps: { x: 1 } })).toThrow("values.caps: unknown field")
    expect(() => parseAreaValues(schemes, { code_secret: "x".repeat(40) })).toThrow("values.code_secret: unknown field")
    expect(() => parseAreaValues(schemes, { list: [{ id: "a", name: "A\u0000" }] })).toThrow("values.list.0.name")
    // a body nested thousands deep is a 400 naming where it went too deep, not a stack overflow
    let deep: Record<string, unknown> = { x: 1 }
    for (let i = 0; i < 5000; i++) {
      deep = { a: deep }
    }
    expect(() => parseAreaValues(earning, deep)).toThrow(
      /^values\.a\.a\.a\.a\.a\.a\.a\.a: nested deeper than any setting/
    )
    // a body too deep is refused for its depth, whatever text it also holds
    expect(() => parseAreaValues(earning, { note: "\u0000", ...deep })).toThrow(/^values\.a\.a(\.a)+: nested deeper/)
    // two tiers of one id or one threshold: which one a member is in would be a guess
    const level = (id: string, threshold: number) => ({ id, name: id, threshold, multiplier: 1 })
    expect(() => parseAreaValues(tiers, { levels: [level("a", 100), level("a", 50)] })).toThrow(
      "values.levels.1.id: a is already the id of another tier"
    )
    expect(() => parseAreaValues(tiers, { levels: [level("a", 100), level("b", 100)] })).toThrow(
      "values.levels.1.threshold: 100 is already the threshold of another tier"
    )
    expect(parseAreaValues(tiers, { levels: [level("b", 500), level("a", 100)] })).toMatchObject({
      levels: [{ id: "b" }, { id: "a" }],
    })
  })

  it("puts the newest saved version in place of the options, with defaults for fields it lacks; a reset keeps the options", () => {
    const configured = resolveLoyaltyOptions({ loyalty: { earn: { pending_days: 3 } } })
    const saved = new Map([["loyalty-earning", version("loyalty-earning", { points_per_unit: { eur: 5 } })]])
    const effective = applySavedSettings(configured, LOYALTY_SETTINGS_AREAS, saved)
    expect(effective.earn).toMatchObject({ points_per_unit: { eur: 5 }, pending_days: 0, rounding: "down" })
    expect(effective.tiers).toBe(configured.tiers)
    const reset = new Map([["loyalty-earning", version("loyalty-earning", null)]])
    expect(applySavedSettings(configured, LOYALTY_SETTINGS_AREAS, reset)).toBe(configured)
    const unreadable = new Map([["loyalty-earning", version("loyalty-earning", { pending_days: "soon" })]])
    const refused: RefusedVersion[] = []
    expect(
      applySavedSettings(configured, LOYALTY_SETTINGS_AREAS, unreadable, (r) => refused.push(r)).earn.pending_days
    ).toBe(3)
    // a version refused after an upgrade is said, naming the field, never dropped silently
    expect(refused).toEqual([
      { area: "loyalty-earning", version: 1, problems: [expect.stringMatching(/^values\.pending_days: /)] },
    ])
    expect(refusedVersionMessage(refused[0])).toMatch(
      /^settings loyalty-earning: saved version 1 no longer fits the options \(values\.pending_days: .*\); the configured options are in effect/
    )
  })

  it("reads again after the time to live or an invalidation, once for callers asking together", async () => {
    let reads = 0
    const cache = new SettingsCache(async () => ++reads, 60_000)
    expect(await Promise.all([cache.get(), cache.get()])).toEqual([1, 1])
    expect(await cache.get()).toBe(1)
    cache.invalidate()
    expect(await cache.get()).toBe(2)
    const expiring = new SettingsCache(async () => ++reads, 0)
    await expiring.get()
    expect(await expiring.get()).toBe(reads)
    expect(reads).toBe(4)
  })
})
