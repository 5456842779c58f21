import { z } from "@medusajs/framework/zod"
import { StoreUpdateConsents } from "../store/engagement/consents/validators"
import { ROUTES_WITH_PATH_PARAMS } from "./path-params"
import { describeIssues } from "../../utils/zod-issues"
import { pathParamProblem, sortOrder, text } from "./validation"

const problemOf = (schema: z.ZodType, input: unknown, root = "body") => {
  const result = schema.safeParse(input)
  return result.success ? null : describeIssues(result.error.issues, input, root)
}

describe("input rules", () => {
  it("refuses NUL bytes and lone surrogates in any string, naming the field", () => {
    const consent = (wording: string) => ({ consents: [{ purpose: "email_marketing", value: "True", wording }] })
    expect(problemOf(StoreUpdateConsents, consent("a\u0000b"))).toBe("consents.0.wording: must not contain NUL bytes")
    expect(problemOf(StoreUpdateConsents, consent("a\ud800b"))).toBe(
      "consents.0.wording: must be well-formed Unicode (no lone surrogates)"
    )
    expect(problemOf(StoreUpdateConsents, consent("emoji \ud83d\ude00 is fine"))).toBeNull()
    expect(problemOf(StoreUpdateConsents, consent("x".repeat(2001)))).toBe(
      "consents.0.wording: at most 2000 characters"
    )
  })

  it("says a bound that excludes its value as such (0 points is not 'at least 0')", () => {
    const points = z.object({ points: z.number().int().positive().lt(1000) })
    expect(problemOf(points, { points: 0 })).toBe("points: must be greater than 0")
    expect(problemOf(points, { points: 1000 })).toBe("points: must be less than 1000")
    expect(problemOf(z.object({ n: z.number().min(1) }), { n: 0 })).toBe("n: at least 1")
  })

  it("says what a field must be with the right article: an integer, an object, a string", () => {
    const points = z.object({ points: z.number().int("must be a whole number") })
    expect(problemOf(points, { points: 1.5 })).toBe("points: must be an integer, got 1.5")
    expect(problemOf(z.object({ on: z.boolean() }), { on: 1 })).toBe("on: must be a boolean, got a number")
  })

  it("lists the allowed values of an enum and says what came instead of a wrong type", () => {
    expect(problemOf(StoreUpdateConsents, { consents: [{ purpose: "email_marketing", value: "Maybe" }] })).toBe(
      "consents.0.value: must be one of False, AwaitingConfirmation, True"
    )
    expect(problemOf(StoreUpdateConsents, { consents: [{ purpose: 42, value: "True" }] })).toBe(
      "consents.0.purpose: must be a string, got a number"
    )
    expect(problemOf(StoreUpdateConsents, { consents: [{ value: "True" }] })).toBe("consents.0.purpose: required")
    expect(problemOf(StoreUpdateConsents, { consents: [{ purpose: null, value: "True" }] })).toBe(
      "consents.0.purpose: must be a string, got null"
    )
  })

  it("names the body for a body that is not an object, and the unknown field for a strict schema", () => {
    expect(problemOf(StoreUpdateConsents, [{ consents: [] }])).toBe("body: must be an object, got an array")
    expect(problemOf(StoreUpdateConsents, { consents: [{ purpose: "p", value: "True" }], customer_id: "cus_1" })).toBe(
      "customer_id: unknown field"
    )
  })

  it("sorts only by an allowed field, ascending or descending", () => {
    const order = sortOrder(["created_at", "status"])
    expect(order.safeParse("-created_at").success).toBe(true)
    expect(problemOf(z.object({ order }), { order: "nonexistent" }, "query")).toBe(
      "order: must be one of created_at, status (prefix - for descending)"
    )
  })

  it("names the path parameter that is not valid UTF-8 or holds a NUL byte", () => {
    expect(pathParamProblem("/admin/engagement/contacts/%FF/sync", ROUTES_WITH_PATH_PARAMS)).toBe(
      "id: must be valid UTF-8"
    )
    expect(pathParamProblem("/admin/engagement/contacts/%ED%A0%80", ROUTES_WITH_PATH_PARAMS)).toBe(
      "id: must be valid UTF-8"
    )
    expect(pathParamProblem("/admin/engagement/contacts/email/a%00b", ROUTES_WITH_PATH_PARAMS)).toBe(
      "email: must not contain NUL bytes"
    )
    expect(pathParamProblem("/admin/engagement/contacts/engcp_1", ROUTES_WITH_PATH_PARAMS)).toBeNull()
    expect(text().safeParse("plain").success).toBe(true)
  })
})
