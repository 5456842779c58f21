import { campaignAt, campaignsSchema } from "./campaigns"

const at = (iso: string) => new Date(iso)
const campaigns = campaignsSchema.parse([
  {
    id: "weekend",
    name: "Weekend",
    multiplier: 2,
    starts_at: "2026-12-11T18:00:00+01:00",
    ends_at: "2026-12-13T23:59:00+01:00",
  },
  {
    id: "gold",
    name: "Gold weekend",
    multiplier: 3,
    starts_at: "2026-12-12T00:00:00Z",
    ends_at: "2026-12-13T00:00:00Z",
    tiers: ["gold"],
  },
])

describe("earning campaigns", () => {
  it("applies in its window (start included, end excluded, in the time zone given), for its tiers, the highest at once", () => {
    expect(campaignAt(campaigns, null, at("2026-12-11T16:59:59Z"))).toBeNull()
    expect(campaignAt(campaigns, null, at("2026-12-11T17:00:00Z"))?.id).toBe("weekend")
    expect(campaignAt(campaigns, "silver", at("2026-12-12T12:00:00Z"))?.id).toBe("weekend")
    expect(campaignAt(campaigns, "gold", at("2026-12-12T12:00:00Z"))?.id).toBe("gold")
    expect(campaignAt(campaigns, "gold", at("2026-12-13T00:00:00Z"))?.id).toBe("weekend")
    expect(campaignAt(campaigns, null, at("2026-12-13T22:59:00Z"))).toBeNull()
  })

  it("refuses a window that ends before it starts, an instant without its time zone and two campaigns of one id", () => {
    const base = {
      id: "a",
      name: "A",
      multiplier: 2,
      starts_at: "2026-12-11T18:00:00Z",
      ends_at: "2026-12-12T18:00:00Z",
    }
    const issues = (value: unknown) =>
      campaignsSchema.safeParse(value).error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`)
    expect(issues([{ ...base, ends_at: base.starts_at }])).toEqual(["0.ends_at: must be after starts_at"])
    expect(issues([{ ...base, starts_at: "2026-12-11 18:00" }])).toEqual([expect.stringMatching(/^0\.starts_at: /)])
    expect(issues([base, { ...base, multiplier: 3 }])).toEqual(["1.id: a is already the id of another campaign"])
    expect(issues([{ ...base, multiplier: 1 }])).toEqual([expect.stringMatching(/^0\.multiplier: /)])
  })
})
