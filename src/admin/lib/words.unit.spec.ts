import { groupByOrder } from "./ledger-groups"
import type { AdminLoyaltyTransaction } from "./loyalty-types"
import { deliveryTitle, platformWordsOf, reasonInWords } from "./words"

describe("the admin's words", () => {
  // as GET /admin/engagement/platforms gives them: each provider's own name and labels
  const words = platformWordsOf([
    { id: "acme", name: "ACME CRM", operation_labels: { get_customer_by_crm_id: "Customer lookup by CRM id" } },
    {
      id: "mailer",
      name: "The Mailer",
      operation_labels: { convert: "Conversion", update_contact: "Subscriber update" },
    },
    { id: "crm2", name: "CRM 2", operation_labels: { update_contact: "Contact update" } },
  ])

  it("names platforms and operations as their providers do, and an unknown one by its id", () => {
    expect(words.platformName("acme")).toBe("ACME CRM")
    expect(words.platformName("switched_off")).toBe("switched_off")
    expect(words.platformName(null)).toBe("—")
    expect(words.operationLabel("get_customer_by_crm_id", "acme")).toBe("Customer lookup by CRM id")
    // one operation id, two providers: each its own words
    expect(words.operationLabel("update_contact", "mailer")).toBe("Subscriber update")
    expect(words.operationLabel("update_contact", "crm2")).toBe("Contact update")
    expect(words.operationLabel("sync_widgets", "acme")).toBe("Sync widgets")
    // before the platforms list has loaded: ids, readable
    expect(platformWordsOf().operationLabel("get_customer_by_crm_id")).toBe("Get customer by crm id")
  })

  it("titles a delivery by what it did, for which order or customer, on which platform", () => {
    const order = { id: "order_1", display_id: 5 }
    expect(deliveryTitle({ platform: "mailer", operation: "convert", order }, words)).toBe(
      "Conversion of order #5 to The Mailer"
    )
    const customer = { name: null, email: "ada@example.com" }
    expect(deliveryTitle({ platform: "crm2", operation: "update_contact", order: null, customer }, words)).toBe(
      "Contact update for ada@example.com to CRM 2"
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
