import {
  describeDatabaseError,
  isDatabaseError,
  loggableMessage,
  withLoggableErrors,
  withoutContactDetails,
} from "./database-errors"

// what MikroORM throws for a refused insert: the statement with its values is the message
const refused = Object.assign(
  new Error(
    `insert into "engagement_consent" ("ip", "wording") values ('10.0.0.7', 'Yes to the newsletter') - duplicate key value`
  ),
  {
    code: "23505",
    routine: "_bt_check_unique",
    table: "engagement_consent",
    constraint: "IDX_engagement_consent_unique",
    detail: "Key (customer_id, purpose)=(cus_1, email_marketing) already exists.",
  }
)

describe("database errors in logs", () => {
  it("are described by code, table, constraint and columns, without the statement or its values", () => {
    expect(isDatabaseError(refused)).toBe(true)
    expect(describeDatabaseError(refused)).toBe(
      "database error 23505 on engagement_consent (constraint IDX_engagement_consent_unique, columns customer_id, purpose)"
    )
    expect(loggableMessage(refused)).not.toMatch(/10\.0\.0\.7|newsletter|cus_1/)
  })

  it("leave out the emails and phone numbers a message names, for a log line", () => {
    expect(withoutContactDetails("No contact with email ada.l@example.com")).toBe("No contact with email <email>")
    expect(withoutContactDetails("Error 404 at /contacts/email/ada@example.com: gone")).toBe(
      "Error 404 at /contacts/email/<email>: gone"
    )
    expect(withoutContactDetails("data.0: a contact with PhoneNumber +46 70 123 45 67 exists")).toBe(
      "data.0: a contact with PhoneNumber <phone> exists"
    )
    expect(withoutContactDetails("Delivery with id: engdel_01M8P55PTF7SJ7Q6V67K9P9N8C was not found")).toBe(
      "Delivery with id: engdel_01M8P55PTF7SJ7Q6V67K9P9N8C was not found"
    )
    expect(withoutContactDetails("Error 404 at /admin/engagement/contacts/phone/%2B46701234567")).toBe(
      "Error 404 at /admin/engagement/contacts/phone/<phone>"
    )
    expect(withoutContactDetails("phone +46701234567, then 0701234567.")).toBe("phone <phone>, then <phone>.")
  })

  it("keep ids whole, even with a run of digits that looks like a phone number inside them", () => {
    for (const id of [
      "cart_01M95Q3E1H2MT46701234567PP6PY9",
      "cart_01M95Q3E1H2MT+46701234567PP6PY9",
      "order_0123456789012345678901234",
      "cus_01M95Q3E1H2MT4670 123 4567PP6PY9",
      "engdel_99999999999",
    ]) {
      expect(withoutContactDetails(`Cart ${id} was not found`)).toBe(`Cart ${id} was not found`)
    }
  })

  it("keep the message of any other error", () => {
    expect(isDatabaseError(new Error("platform answered 503"))).toBe(false)
    expect(loggableMessage(new Error("platform answered 503"))).toBe("platform answered 503")
    // the workflow engine hands errors on as plain objects
    expect(loggableMessage({ ...refused, message: refused.message })).toMatch(/^database error 23505/)
  })
})

describe("withLoggableErrors", () => {
  it("rethrows a database error as its description and any other error as it is", async () => {
    const failing = withLoggableErrors(async (error: unknown) => {
      throw error
    })
    await expect(failing(refused)).rejects.toThrow(/^database error 23505 on engagement_consent/)
    await expect(failing(refused)).rejects.not.toThrow(/newsletter/)
    const other = new Error("platform answered 503")
    await expect(failing(other)).rejects.toBe(other)
  })
})
