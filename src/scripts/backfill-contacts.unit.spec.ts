import { progressBar } from "./backfill-contacts"

describe("backfill progress bar", () => {
  it("fills in proportion to the customers done", () => {
    expect(progressBar(0, 4, 8)).toBe("[--------]   0% 0/4 customers")
    expect(progressBar(1, 4, 8)).toBe("[##------]  25% 1/4 customers")
    expect(progressBar(4, 4, 8)).toBe("[########] 100% 4/4 customers")
  })

  it("shows an empty store as done", () => {
    expect(progressBar(0, 0, 4)).toBe("[####] 100% 0/0 customers")
  })
})
