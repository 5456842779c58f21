import { checkoutConsentId, checkoutConsentOwner, checkoutConsentsFrom } from "./checkout-consents"

const purposes = ["email_marketing", "sms_marketing", "review_requests"]

describe("checkoutConsentsFrom", () => {
  it("reads booleans, ledger values and { value, wording } per configured purpose", () => {
    const read = checkoutConsentsFrom(
      {
        other: "kept for the store",
        engagement_consents: {
          email_marketing: { value: "AwaitingConfirmation", wording: "Newsletter, checkout v2" },
          sms_marketing: false,
          review_requests: true,
        },
      },
      purposes
    )
    expect(read).toEqual({
      consents: [
        { purpose: "email_marketing", value: "AwaitingConfirmation", wording: "Newsletter, checkout v2" },
        { purpose: "sms_marketing", value: "False", wording: null },
        { purpose: "review_requests", value: "True", wording: null },
      ],
      ignored: [],
    })
  })

  it("leaves out unknown purposes and values it cannot read, saying why", () => {
    const read = checkoutConsentsFrom(
      {
        engagement_consents: { email_marketing: "yes", postcards: true, sms_marketing: { value: false, wording: 42 } },
      },
      purposes
    )
    expect(read.consents).toEqual([{ purpose: "sms_marketing", value: "False", wording: null }])
    expect(read.ignored).toEqual([
      { purpose: "email_marketing", reason: expect.stringContaining("not true, false") },
      { purpose: "postcards", reason: expect.stringContaining("not a configured purpose") },
    ])
  })

  it("reads nothing without the key, and refuses a value that is not an object", () => {
    expect(checkoutConsentsFrom(null, purposes)).toEqual({ consents: [], ignored: [] })
    expect(checkoutConsentsFrom({ engagement_consents: ["email_marketing"] }, purposes)).toEqual({
      consents: [],
      ignored: [{ purpose: "*", reason: expect.stringContaining("not an object") }],
    })
  })

  it("gives one ledger id per order and purpose", () => {
    expect(checkoutConsentId("order_1", "sms_marketing")).toBe("engcon_checkout_order_1_sms_marketing")
    expect(checkoutConsentId("order_1", "sms_marketing")).not.toBe(checkoutConsentId("order_2", "sms_marketing"))
  })
})

describe("checkoutConsentOwner", () => {
  it("records for the customer signed in at checkout", () => {
    expect(checkoutConsentOwner({ customer_id: "cus_a", has_account: true, signed_in_customer_id: "cus_a" })).toEqual({
      customer_id: "cus_a",
      actor_type: "customer",
      actor_id: "cus_a",
    })
  })

  it("records a guest's choices on the guest's own record, with no authenticated actor", () => {
    expect(checkoutConsentOwner({ customer_id: "cus_g", has_account: false, signed_in_customer_id: null })).toEqual({
      customer_id: "cus_g",
      actor_type: "guest",
      actor_id: null,
    })
  })

  it("never records for a registered account a guest or another signed-in customer used the email of", () => {
    for (const signedIn of [null, "cus_other"]) {
      expect(
        checkoutConsentOwner({ customer_id: "cus_a", has_account: true, signed_in_customer_id: signedIn })
      ).toEqual({
        customer_id: null,
        reason: expect.stringContaining("without login"),
      })
    }
    expect(checkoutConsentOwner({ customer_id: null, has_account: false, signed_in_customer_id: null })).toEqual({
      customer_id: null,
      reason: "the order has no customer",
    })
  })
})
