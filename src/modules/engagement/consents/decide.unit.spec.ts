import { decideConsentChange, LatestConsent } from "./decide"

const now = new Date("2026-11-30T12:00:00Z")
const rules = { double_opt_in: false, resend_after_ms: 600_000 }
const row = (value: LatestConsent["value"], extra: Partial<LatestConsent> = {}): LatestConsent => ({
  id: "engcon_1",
  value,
  wording: null,
  info: null,
  recorded_at: new Date(now.getTime() - 60_000),
  ...extra,
})

describe("decideConsentChange", () => {
  it("confirms only the request that is still the latest state", () => {
    expect(
      decideConsentChange(
        row("AwaitingConfirmation", { wording: "v2" }),
        { value: "True", confirms: "engcon_1" },
        rules,
        now
      )
    ).toEqual({
      kind: "record",
      value: "True",
      wording: "v2",
      confirm: false,
    })
    expect(
      decideConsentChange(row("False", { id: "engcon_2" }), { value: "True", confirms: "engcon_1" }, rules, now)
    ).toEqual({ kind: "stale" })
    expect(
      decideConsentChange(
        row("AwaitingConfirmation", { id: "engcon_2" }),
        { value: "True", confirms: "engcon_1" },
        rules,
        now
      )
    ).toEqual({ kind: "stale" })
    expect(decideConsentChange(undefined, { value: "True", confirms: "engcon_1" }, rules, now)).toEqual({
      kind: "stale",
    })
  })

  it("never lets a grant skip a pending or required double opt-in", () => {
    expect(decideConsentChange(row("AwaitingConfirmation"), { value: "True" }, rules, now)).toEqual({
      kind: "unchanged",
    })
    expect(decideConsentChange(undefined, { value: "True" }, { ...rules, double_opt_in: true }, now)).toEqual(
      expect.objectContaining({ kind: "record", value: "AwaitingConfirmation", confirm: true })
    )
    expect(decideConsentChange(row("False"), { value: "True" }, { ...rules, double_opt_in: true }, now)).toEqual(
      expect.objectContaining({ kind: "record", value: "AwaitingConfirmation" })
    )
    expect(decideConsentChange(row("False"), { value: "True" }, rules, now)).toEqual(
      expect.objectContaining({ kind: "record", value: "True" })
    )
  })

  it("writes no row for an unchanged value unless its wording or proof changed", () => {
    expect(
      decideConsentChange(
        row("True", { info: { b: "1", a: "2" } }),
        { value: "True", info: { a: "2", b: "1" } },
        rules,
        now
      )
    ).toEqual({
      kind: "unchanged",
    })
    expect(decideConsentChange(row("True"), { value: "AwaitingConfirmation" }, rules, now)).toEqual({
      kind: "unchanged",
    })
    expect(decideConsentChange(row("True"), { value: "True", wording: "v3" }, rules, now)).toEqual(
      expect.objectContaining({ kind: "record", wording: "v3" })
    )
    expect(decideConsentChange(row("False"), { value: "False", info: { order_id: "order_2" } }, rules, now)).toEqual(
      expect.objectContaining({ kind: "record", value: "False" })
    )
  })

  it("re-sends a pending confirmation only once the resend window has passed", () => {
    expect(decideConsentChange(row("AwaitingConfirmation"), { value: "AwaitingConfirmation" }, rules, now)).toEqual({
      kind: "unchanged",
    })
    const old = row("AwaitingConfirmation", { recorded_at: new Date(now.getTime() - 25 * 60_000) })
    expect(decideConsentChange(old, { value: "AwaitingConfirmation" }, rules, now)).toEqual({
      kind: "unchanged",
      resend: { request_id: "engcon_1", round: 2 },
    })
  })
})
