import { dayOf } from "../../src/admin/components/contact/format"

describe("the contact widget's day format", () => {
  it("shows a date of birth on the day it was given, in the viewer's format and in no time zone", () => {
    expect(dayOf("1990-12-10", "en-US")).toBe("12/10/1990")
    expect(dayOf("1990-12-10", "de-DE")).toBe("10.12.1990")
    // a west-of-Greenwich viewer would have seen the 9th: midnight UTC is the evening before there
    expect(new Date("1990-12-10").toLocaleDateString("en-US", { timeZone: "America/Los_Angeles" })).toBe("12/9/1990")
    expect(dayOf(null)).toBe("—")
  })
})
