import { groupByOrder } from "./ledger-groups"
import type { AdminLoyaltyTransaction } from "./loyalty-types"
import { deliveryTitle, operationLabel, platformName, reasonInWords } from "./words"

describe("the admin's words", () => {
  it("names platforms and operations as the owner knows them, and an unknown one by its id", () => {
    expect(platformName("crmcom")).toBe("CRM.COM")
    expect(platformName("engage")).toBe("Voyado Engage")
    expect(platformName("acme_crm")).toBe("acme_crm")
    expect(operationLabel("get_customer_by_crm_id")).toBe("Customer lookup by CRM id")
    expect(operationLabel("sync_widgets")).toBe("Sync widgets")
  })

  it("titles a delivery by what it did, for which order or customer, on which platform", () => {
    const order = { id: "order_1", display_id: 5 }
    expect(deliveryTitle({ platform: "rejoiner", operation: "convert", order })).toBe(
      "Conversion of order #5 to Rejoiner"
    )
    const customer = { name: null, email: "ada@example.com" }
    expect(deliveryTitle({ platform: "crmcom", operation: "update_contact", order: null, customer })).toBe(
      "Contact update for ada@example.com to CRM.COM"
    )
  })

  it("says a consent reason in a sentence and leaves other reasons as written", () => {
    expect(reasonInWords("no consent for email_marketing (False)")).toBe("No email-marketing consent (withdrawn)")
    expect(reasonInWords("reminders stopped: no consent for review_requests (AwaitingConfirmation)")).toBe(
      "Reminders stopped: no review-request consent (awaiting confirmation)"
    )
    expect(reasonInWords("order canceled")).toBe("Order canceled")
    expect(reasonInWords(null)).toBe("")
  })
})

describe("the ledger grouped per order", () => {
  const row = (id: string, type: string, points: number, order_id: string | null): AdminLoyaltyTransaction => ({
    id,
    type,
    points,
    debt_change: 0,
    written_off: 0,
    order_id,
    reason: null,
    actor_type: null,
    actor_id: null,
    actor_email: null,
    expires_at: null,
    created_at: "2026-12-01T00:00:00Z",
  })

  it("merges an order's neighbouring rows of one kind, and keeps other rows and kinds apart", () => {
    const groups = groupByOrder([
      row("a", "earn", 10, "order_1"),
      row("b", "earn", 20, "order_1"),
      row("c", "redeem", -5, "order_1"),
      row("d", "adjust", 3, null),
      row("e", "adjust", 4, null),
      row("f", "earn", 7, "order_2"),
    ])
    expect(groups.map((g) => [g.key, g.points, g.lines])).toEqual([
      ["a", 30, 2],
      ["c", -5, 1],
      ["d", 3, 1],
      ["e", 4, 1],
      ["f", 7, 1],
    ])
  })
})
