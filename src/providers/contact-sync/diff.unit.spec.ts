import { changedFields, stableJson } from "./diff"

describe("contact sync diff", () => {
  it("finds only the fields whose value changed, never blank ones", () => {
    expect(changedFields({ a: "1", b: "2", c: "", d: null, e: false }, { a: "1", b: "3", c: "x", e: true })).toEqual({
      b: "2",
      e: false,
    })
  })

  it("compares objects whatever their key order (jsonb reorders keys)", () => {
    const sent = JSON.parse(
      JSON.stringify({ metadata: { order_count: "1", total_spent: "9.99", currency_code: "eur" } })
    )
    const wanted = { metadata: { currency_code: "eur", total_spent: "9.99", order_count: "1" } }
    expect(changedFields(wanted, sent)).toEqual({})
    expect(changedFields({ metadata: { ...wanted.metadata, order_count: "2" } }, sent)).toEqual({
      metadata: { currency_code: "eur", total_spent: "9.99", order_count: "2" },
    })
    expect(stableJson({ b: [1, { d: 1, c: 2 }], a: null })).toBe('{"a":null,"b":[1,{"c":2,"d":1}]}')
  })
})
