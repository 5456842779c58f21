import type { ReactElement } from "react"
import { renderToStaticMarkup } from "react-dom/server"
import type { StoreEngagementLoyalty, StoreEngagementLoyaltyTransaction } from "../../types"
import {
  CartEarnLine,
  CheckoutConsents,
  EngagementProvider,
  LoyaltyBalance,
  LoyaltyCreditLine,
  LoyaltyHistory,
  RedeemPoints,
  ReferralCard,
  RewardSchemes,
  addressesIn,
  boundedPoints,
  groupByOrder,
} from "./index"

/** Renders on the server, as a Next.js page would first; fails on any React warning. */
function render(element: ReactElement): string {
  const sdk = { client: { fetch: () => new Promise<never>(() => undefined) } }
  const warnings: unknown[][] = []
  const spies = (["error", "warn"] as const).map((level) =>
    jest.spyOn(console, level).mockImplementation((...args: unknown[]) => void warnings.push(args))
  )
  try {
    return renderToStaticMarkup(
      <EngagementProvider sdk={sdk} locale="en-IE">
        {element}
      </EngagementProvider>
    )
  } finally {
    spies.forEach((spy) => spy.mockRestore())
    expect(warnings).toEqual([])
  }
}

const loyalty: StoreEngagementLoyalty = {
  balance: 1250,
  pending: 40,
  pending_dates: [{ available_at: "2026-12-20T00:00:00.000Z", points: 40 }],
  reserved: 0,
  debt: 0,
  lifetime_points: 3000,
  period_points: 600,
  total_earned: 3000,
  total_redeemed: 1750,
  spending_blocked: false,
  tier: {
    id: "tier_silver",
    name: "Silver",
    color: "#c0c0c0",
    reached_at: "2026-03-01T00:00:00.000Z",
    points_to_retain: 0,
    retain_by: null,
    next: { id: "tier_gold", name: "Gold", points_needed: 400 },
  },
  next_tier: null,
  expiring: [{ from_days: 0, to_days: 30, points: 120 }],
}

const cartLoyalty = {
  earnable: 39,
  applied: 0,
  spendable: 1000,
  max_applicable: 1990,
  campaign: null,
  currency_code: "eur",
  points_per_unit: 100,
  step: 1,
  min_points: 0,
}

describe("storefront React components", () => {
  it("labels the points' credit line on a cart or order with its points and money", () => {
    const order = {
      currency_code: "eur",
      credit_lines: [{ reference: "loyalty-points", amount: 5, metadata: { points: 500 } }],
    }
    const html = render(<LoyaltyCreditLine source={order} className="summary-row" />)
    expect(html).toContain('class="summary-row"')
    expect(html).toContain('data-points="500"')
    expect(html).toContain('aria-live="polite"')
    expect(html).toContain("Points (500)")
    expect(html).toContain("−€5.00")
    expect(render(<LoyaltyCreditLine source={{ currency_code: "eur", credit_lines: [] }} />)).toBe("")
  })

  it("says what a cart earns, in a live region", () => {
    expect(render(<CartEarnLine earnable={78} campaign={{ name: "Weekend", multiplier: 2 }} />)).toContain(
      'This order earns 78 points<span data-part="campaign"> (Weekend: ×2)</span>'
    )
    const html = render(<CartEarnLine earnable={1039} />)
    expect(html).toMatch(/role="status"[^>]*aria-live="polite"/)
    expect(html).toContain("This order earns 1,039 points")
  })

  it("shows the balance, the tier's progress and what expires when", () => {
    const html = render(<LoyaltyBalance loyalty={loyalty} />)
    expect(html).toContain("<strong>1,250</strong> points")
    expect(html).toContain("(40 pending)")
    expect(html).toContain("Tier: Silver")
    expect(html).toContain("400 points to Gold")
    expect(html).toMatch(
      /role="progressbar" aria-labelledby="[^"]+" aria-valuemin="0" aria-valuemax="1000" aria-valuenow="600"/
    )
    expect(html).toContain("120 points expire within 30 days")
  })

  it("names only the periods in which points expire", () => {
    const expiring = [
      { from_days: 0, to_days: 30, points: 0 },
      { from_days: 30, to_days: 60, points: 0 },
      { from_days: 60, to_days: 90, points: 0 },
      { from_days: 90, to_days: null, points: 1154 },
    ]
    const html = render(<LoyaltyBalance loyalty={{ ...loyalty, expiring }} />)
    expect(html).toContain("1,154 points expire after 90 days")
    expect(html).not.toContain("0 points expire within")
    expect(render(<LoyaltyBalance loyalty={{ ...loyalty, expiring: expiring.slice(0, 3) }} />)).not.toContain(
      'data-part="expiring"'
    )
  })

  it("bounds the redeem control by what the cart can take and shows the money the points are worth", () => {
    const html = render(<RedeemPoints cartId="cart_01" cartLoyalty={{ ...cartLoyalty, max_applicable: 1000 }} />)
    expect(html).toMatch(/type="range"[^>]*min="0" max="1000" step="1" data-part="slider" value="1000"/)
    expect(html).toMatch(
      /<label for="([^"]+)">Points to use<\/label><input type="range"[^>]*\/><input id="\1" type="number"/
    )
    expect(html).toMatch(/<output[^>]*aria-live="polite"[^>]*>1,000 points = €10.00<\/output>/)
    expect(html).toContain(">Use points</button>")
    expect(html).not.toContain('data-part="remove"')
    const applied = render(<RedeemPoints cartId="cart_01" cartLoyalty={{ ...cartLoyalty, applied: 550 }} />)
    expect(applied).toContain("550 points = €5.50")
    expect(applied).toContain("Remove 550 points (€5.50)")
    expect(render(<RedeemPoints cartId="cart_01" cartLoyalty={{ ...cartLoyalty, max_applicable: 0 }} />)).toContain(
      "No points can be used on this order."
    )
  })

  it("keeps the chosen points in the plugin's steps and bounds", () => {
    expect(boundedPoints(1234, { max: 1000, step: 1, min: 0 })).toBe(1000)
    expect(boundedPoints(57, { max: 1000, step: 10, min: 0 })).toBe(50)
    expect(boundedPoints(20, { max: 1000, step: 10, min: 100 })).toBe(100)
    expect(boundedPoints(-5, { max: 1000, step: 10, min: 0 })).toBe(0)
    expect(boundedPoints(Number.NaN, { max: 1000, step: 10, min: 0 })).toBe(0)
    expect(boundedPoints(500, { max: 5, step: 10, min: 0 })).toBe(0)
  })

  it("labels each checkout consent box with the wording that goes into the ledger, ticked from the cart", () => {
    const cart = { id: "cart_01", metadata: { engagement_consents: { newsletter: { value: "True", wording: "x" } } } }
    const html = render(
      <CheckoutConsents
        cart={cart}
        options={[
          { purpose: "newsletter", wording: "Email me offers", version: "2026-11" },
          { purpose: "sms_offers", wording: "Text me offers" },
        ]}
      />
    )
    expect(html).toContain("<legend>Stay in touch</legend>")
    expect(html).toMatch(
      /<input id="([^"]+)" type="checkbox" name="newsletter" checked=""\/><label for="\1">Email me offers<\/label>/
    )
    expect(html).toMatch(
      /<input id="([^"]+)" type="checkbox" name="sms_offers"\/><label for="\1">Text me offers<\/label>/
    )
  })

  it("shows the referral code, share link, counts and an invite form", () => {
    const referral = { code: "ADA123", url: "https://shop.example/r/ADA123", invited: 3, joined: 1, rewarded: 1 }
    const html = render(<ReferralCard referral={referral} />)
    expect(html).toContain("<strong>ADA123</strong>")
    expect(html).toContain('href="https://shop.example/r/ADA123"')
    expect(html).toContain("3 invited, 1 joined, 1 rewarded")
    expect(html).toMatch(/<label for="([^"]+)">Invite friends by email \(up to 10\)<\/label><textarea id="\1"/)
    expect(html).toMatch(/role="status" aria-live="polite" data-part="results"/)
    expect(addressesIn(" a@example.com, b@example.com;\nc@example.com ")).toEqual([
      "a@example.com",
      "b@example.com",
      "c@example.com",
    ])
  })

  it("offers sign-up for open and closed-loop schemes and sign-out for joined ones", () => {
    const base = {
      description: "More points",
      multiplier: 2,
      signup_bonus: 100,
      allowed_domains: [],
      closed_loop: false,
      joined: false,
    }
    const html = render(
      <RewardSchemes
        schemes={[
          { ...base, id: "rws_students", name: "Students", closed_loop: true, allowed_domains: ["uni.example"] },
          { ...base, id: "rws_club", name: "Club", joined: true },
        ]}
      />
    )
    expect(html).toContain("Earn 2× points")
    expect(html).toContain("100 points for joining")
    expect(html).toMatch(/<label for="([^"]+)">Your uni.example email address<\/label><input id="\1" type="email"/)
    expect(html).toContain(">Join Students</button>")
    expect(html).toContain(">Leave Club</button>")
  })

  it("groups the history by order, with each order's net points", () => {
    const row = (
      id: string,
      type: StoreEngagementLoyaltyTransaction["type"],
      points: number,
      order_id: string | null
    ) => ({
      id,
      type,
      points,
      order_id,
      order_display_id: order_id ? Number(order_id.slice(-1)) + 40 : null,
      reason: null,
      created_at: "2026-12-01T10:00:00.000Z",
      expires_at: null,
    })
    const transactions = [
      row("t4", "earn", 39, "order_2"),
      row("t3", "redeem", -550, "order_2"),
      row("t2", "adjust", 1000, null),
      row("t1", "earn", 20, "order_1"),
    ]
    expect(groupByOrder(transactions).map((group) => [group.order_id, group.points])).toEqual([
      ["order_2", -511],
      [null, 1000],
      ["order_1", 20],
    ])
    // by default an order is named by the number the shopper knows it by
    expect(render(<LoyaltyHistory transactions={transactions} />)).toContain(
      'Order #42 <span data-part="net">−511</span>'
    )
    const html = render(
      <LoyaltyHistory transactions={transactions} orderLabel={(id, number) => `#${number} (${id.slice(-1)})`} />
    )
    expect(html).toContain('#42 (2) <span data-part="net">−511</span>')
    expect(html).toContain('<span data-part="type">Spent</span> <span data-part="points">−550</span>')
    expect(html).toContain("Other points")
    expect(html).toContain('<time dateTime="2026-12-01T10:00:00.000Z">1 Dec 2026</time>')
  })
})
