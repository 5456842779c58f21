import { describeDatabaseError, isDatabaseError, loggableMessage } from "./database-errors"

// what MikroORM throws for a refused insert: the statement with its values is the message
const refused = Object.assign(
  new Error(`insert into "engagement_consent" ("ip", "wording") values ('10.0.0.7', 'Yes to the newsletter') - duplicate key value`),
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

  it("keep the message of any other error", () => {
    expect(isDatabaseError(new Error("platform answered 503"))).toBe(false)
    expect(loggableMessage(new Error("platform answered 503"))).toBe("platform answered 503")
    // the workflow engine hands errors on as plain objects
    expect(loggableMessage({ ...refused, message: refused.message })).toMatch(/^database error 23505/)
  })
})
