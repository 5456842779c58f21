import { allocateDebit, Lot } from "./allocate"

const day = 86_400_000
const t0 = new Date("2026-01-01T00:00:00Z").getTime()
const lot = (
  id: string,
  remaining: number,
  expiresInDays: number | null,
  createdDay = 0,
  state: Lot["state"] = "available"
): Lot => ({
  id,
  remaining,
  state,
  expires_at: expiresInDays === null ? null : new Date(t0 + expiresInDays * day),
  created_at: new Date(t0 + createdDay * day),
})

describe("allocateDebit", () => {
  it("takes from the lot that expires soonest first, never-expiring lots last", () => {
    const lots = [lot("never", 100, null), lot("late", 100, 300), lot("soon", 30, 10)]
    expect(allocateDebit(lots, 150)).toEqual({
      allocations: [
        { lot_id: "soon", state: "available", points: 30 },
        { lot_id: "late", state: "available", points: 100 },
        { lot_id: "never", state: "available", points: 20 },
      ],
      shortfall: 0,
    })
  })

  it("breaks equal expiry by age", () => {
    const lots = [lot("newer", 10, 30, 5), lot("older", 10, 30, 1)]
    expect(allocateDebit(lots, 15).allocations.map((a) => [a.lot_id, a.points])).toEqual([
      ["older", 10],
      ["newer", 5],
    ])
  })

  it("takes preferred lots first, pending ones included, and reports what no lot holds", () => {
    const lots = [lot("other", 20, 5), lot("own", 40, 400, 0, "pending")]
    expect(allocateDebit(lots, 100, new Set(["own"]))).toEqual({
      allocations: [
        { lot_id: "own", state: "pending", points: 40 },
        { lot_id: "other", state: "available", points: 20 },
      ],
      shortfall: 40,
    })
  })

  it("never takes from a pending lot that is not preferred", () => {
    expect(allocateDebit([lot("p", 50, 10, 0, "pending")], 10)).toEqual({ allocations: [], shortfall: 10 })
  })

  it("takes no more than the cap from available lots (the rest is held by carts)", () => {
    const lots = [lot("own", 10, 400, 0, "pending"), lot("a", 50, 10), lot("b", 50, 20)]
    expect(allocateDebit(lots, 80, new Set(["own"]), 60)).toEqual({
      allocations: [
        { lot_id: "own", state: "pending", points: 10 },
        { lot_id: "a", state: "available", points: 50 },
        { lot_id: "b", state: "available", points: 10 },
      ],
      shortfall: 10,
    })
  })

  it("refuses fractional or negative debits", () => {
    expect(() => allocateDebit([], 1.5)).toThrow()
    expect(() => allocateDebit([], -1)).toThrow()
  })
})
