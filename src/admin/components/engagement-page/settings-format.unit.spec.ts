import { instantOfLocal, localInputValue } from "./settings-format"

describe("a campaign's moments in the settings form", () => {
  it("shows an ISO instant in the viewer's time zone and saves what they pick as the same instant", () => {
    const instants = ["2026-12-24T09:30:00.000Z", "2026-06-30T23:45:00.000Z", "2027-03-28T01:15:00.000Z"]
    for (const iso of instants) {
      const shown = localInputValue(iso)
      expect(shown).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/)
      // the wall-clock time shown is the instant's in the viewer's zone, whatever zone the test runs in
      const at = new Date(iso)
      expect(shown.slice(11)).toBe(
        `${String(at.getHours()).padStart(2, "0")}:${String(at.getMinutes()).padStart(2, "0")}`
      )
      expect(instantOfLocal(shown)).toBe(iso)
    }
    // a value typed with another offset comes back as the same instant in UTC
    expect(instantOfLocal(localInputValue("2026-12-24T10:30:00-05:00"))).toBe("2026-12-24T15:30:00.000Z")
  })

  it("leaves an empty or unreadable value empty, for the schema to name", () => {
    expect(localInputValue("")).toBe("")
    expect(localInputValue("soon")).toBe("")
    expect(localInputValue(undefined)).toBe("")
    expect(instantOfLocal("")).toBe("")
  })
})
