import { pointsToReverse } from "./reversal"

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
