import { dayOf } from "../../src/admin/components/contact/format"
import { instant } from "../../src/admin/components/engagement-page/format"
import { formatDate, formatDateTime, formatDay } from "../../src/admin/lib/dates"

const AT = "2026-12-06T07:59:25.000Z"
// the viewer's zone is the machine's here: the instants below name one, so any machine agrees
const UTC = "UTC"

describe("dates as Medusa's dashboard shows them", () => {
  it("reads an instant like the dashboard's date-fns 'PP p': month name, no seconds, no comma before the time", () => {
    expect(formatDateTime(AT, "—", "en-US", UTC)).toBe("Dec 6, 2026 7:59 AM")
    expect(formatDate(AT, "—", "en-US", UTC)).toBe("Dec 6, 2026")
    expect(formatDateTime(AT, "—", "en-GB", UTC)).toBe("6 Dec 2026 07:59")
  })

  it("uses the dashboard's language from its storage, en-US by default, and the viewer's zone", () => {
    expect(formatDateTime(AT)).toBe(formatDateTime(AT, "—", "en-US", Intl.DateTimeFormat().resolvedOptions().timeZone))
    expect(instant(AT)).toMatch(/^[A-Z][a-z]{2} \d{1,2}, 2026 \d{1,2}:\d{2} [AP]M$/)
  })

  it("says what is missing or unreadable instead of 'Invalid Date'", () => {
    expect(instant(null)).toBe("never")
    expect(formatDateTime(undefined)).toBe("—")
    expect(formatDateTime("not a date", "not yet")).toBe("not yet")
  })

  it("shows a date of birth on the day it was given, in no time zone", () => {
    expect(formatDay("1990-12-10", "—", "en-US")).toBe("Dec 10, 1990")
    expect(dayOf("1990-12-10T00:00:00.000Z", "de-DE")).toBe("10.12.1990")
    // a west-of-Greenwich viewer would have seen the 9th: midnight UTC is the evening before there
    expect(new Date("1990-12-10").toLocaleDateString("en-US", { timeZone: "America/Los_Angeles" })).toBe("12/9/1990")
    expect(dayOf(null)).toBe("—")
  })

  it("shows an instant in the viewer's time zone, a calendar day in none", () => {
    expect(formatDateTime(AT, "—", "en-US", "America/Los_Angeles")).toBe("Dec 5, 2026 11:59 PM")
    expect(formatDateTime(AT, "—", "en-US", "Asia/Tokyo")).toBe("Dec 6, 2026 4:59 PM")
    expect(formatDay("1990-12-10", "—", "en-US")).toBe("Dec 10, 1990")
  })
})
