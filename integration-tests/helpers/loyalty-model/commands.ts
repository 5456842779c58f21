import fc from "fast-check"

/**
 * What the model-based ledger test (integration-tests/modules/__tests__/loyalty-ledger-model.spec.ts)
 * runs: two shoppers, the module's options, and the random commands a sequence is made of.
 */
export const CUSTOMERS = ["cus_a", "cus_b"]
// cus_b was referred by cus_a: cus_b's first order awards both
export const [ADVOCATE, REFEREE] = CUSTOMERS
export const START = Date.parse("2030-01-01T00:00:00Z")
export const OPTIONS = {
  pendingDays: 2,
  expiryDays: 60,
  schemeBonus: 150,
  advocatePoints: 200,
  refereePoints: 100,
}

const customer = fc.integer({ min: 0, max: CUSTOMERS.length - 1 })
const cart = fc.integer({ min: 0, max: 1 })
const lines = fc.array(fc.tuple(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 3 })), {
  minLength: 1,
  maxLength: 3,
})
// weighted towards what makes the interesting states: orders to cancel and return after their
// points were spent (debts), pending points maturing, holds at the moment of a block
export const command = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant("order" as const), c: customer, lines }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant("reserve" as const),
      c: customer,
      cart,
      // a share of what is spendable, so holds drain balances (and some ask for more than there is)
      share: fc.integer({ min: 1, max: 120 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("release" as const), c: customer, cart }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant("complete" as const), c: customer, cart, lines }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant("cancel" as const), o: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant("return" as const),
      o: fc.nat(),
      line: fc.nat(),
      units: fc.integer({ min: 1, max: 3 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant("advance" as const),
      days: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 3 }) }, fc.integer({ min: 1, max: 40 })),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("expire" as const) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant("adjust" as const),
      c: customer,
      // a credit of `points`, or a debit of a share of what is spendable
      points: fc.integer({ min: 1, max: 400 }),
      take: fc.option(fc.integer({ min: 1, max: 120 }), { nil: null }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("block" as const), c: customer, blocked: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("join" as const), c: customer }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("leave" as const), c: customer }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant("refund" as const),
      o: fc.nat(),
      // a share of what was captured, in percent; what is left of it when that is less
      share: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 99 }) }, fc.constant(100)),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("replay" as const), i: fc.nat() }) }
)
export type Command = typeof command extends fc.Arbitrary<infer T> ? T : never
