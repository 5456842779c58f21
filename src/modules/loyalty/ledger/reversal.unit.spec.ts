import { lineReversals, LineReversalState, pointsToReverse, refundTarget } from "./reversal"

describe("pointsToReverse", () => {
  it("reverses partial returns cumulatively without drift, and the rest on the last unit", () => {
    // 10 points on 3 units: 1 back, then 1 more, then the last
    const first = pointsToReverse(10, 3, 1, 0)
    const second = pointsToReverse(10, 3, 2, first)
    const third = pointsToReverse(10, 3, 3, first + second)
    expect([first, second, third]).toEqual([3, 3, 4])
    expect(pointsToReverse(10, 3, 3, 10)).toBe(0)
  })
})

describe("refundTarget", () => {
  it("takes back the refunded share of what was paid, rounded down, and all of it on a full refund", () => {
    expect(refundTarget(119, { refunded: "29.99", captured: "59.97" })).toBe(59)
    expect(refundTarget(119, { refunded: "59.97", captured: "59.97" })).toBe(119)
    expect(refundTarget(119, { refunded: "0.1", captured: "0.3" })).toBe(39)
    expect(refundTarget(119, { refunded: "0", captured: "59.97" })).toBe(0)
    expect(refundTarget(119, null)).toBe(0)
  })
})

const line = (
  id: string,
  earned: number,
  quantity: number,
  returned: number | null,
  already = 0
): LineReversalState => ({
  line_item_id: id,
  earned,
  quantity,
  returned,
  already,
})
const total = (due: Map<string, number>) => [...due.values()].reduce((sum, points) => sum + points, 0)

describe("lineReversals", () => {
  it("spreads a partial refund over the lines in proportion to what they earned", () => {
    const due = lineReversals([line("a", 100, 1, 0), line("b", 50, 1, 0)], { refunded: "50", captured: "150" })
    expect(Object.fromEntries(due)).toEqual({ a: 33, b: 17 })
  })

  it("never reverses the money of a refund and the return it paid for twice, in either order", () => {
    // a return of line b, then the refund of its money: the refund finds nothing more to take
    const afterReturn = lineReversals([line("a", 100, 1, 0), line("b", 50, 1, 1)], null)
    expect(Object.fromEntries(afterReturn)).toEqual({ a: 0, b: 50 })
    const refund = lineReversals([line("a", 100, 1, 0), line("b", 50, 1, 1, 50)], { refunded: "50", captured: "150" })
    expect(total(refund)).toBe(0)
    // the refund first (spread over both lines), then the return of b: only b's remainder… none is left in all
    const first = lineReversals([line("a", 100, 1, 0), line("b", 50, 1, 0)], { refunded: "50", captured: "150" })
    const returned = lineReversals([line("a", 100, 1, 0, first.get("a")), line("b", 50, 1, 1, first.get("b"))], {
      refunded: "50",
      captured: "150",
    })
    expect(total(first) + total(returned)).toBe(50)
  })

  it("takes only the rest on a cancel after refunds and returns, and nothing on a replay", () => {
    const cancel = lineReversals([line("a", 100, 2, null, 40), line("b", 50, 1, null, 10)], {
      refunded: "10",
      captured: "150",
    })
    expect(Object.fromEntries(cancel)).toEqual({ a: 60, b: 40 })
    expect(total(lineReversals([line("a", 100, 2, null, 100), line("b", 50, 1, null, 50)], null))).toBe(0)
  })
})
