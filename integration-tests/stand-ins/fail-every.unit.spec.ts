import { REJOINER_TEST_CONFIG } from "../helpers/stand-ins"
import { createRejoinerStandIn } from "./rejoiner"

describe("a stand-in failing every n-th call", () => {
  const standIn = createRejoinerStandIn(REJOINER_TEST_CONFIG)
  let base = ""
  beforeAll(async () => (base = await standIn.start(0)))
  afterAll(() => standIn.stop())

  const unsubscribe = (n: number) =>
    fetch(`${base}/customer/unsubscribe/`, {
      method: "POST",
      headers: { Authorization: `Rejoiner ${REJOINER_TEST_CONFIG.apiKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({ email: `shopper${n}@example.com` }),
    }).then((response) => response.status)

  it("fails every second call with the given answer until reset, after any queued failures", async () => {
    standIn.failEvery(2, { kind: "status", status: 503 }).failNext(1, { kind: "status", status: 429 })
    const statuses: number[] = []
    for (let n = 0; n < 5; n++) {
      statuses.push(await unsubscribe(n))
    }
    // the queued 429 first; then the periodic count runs over the calls it sees: 2nd and 4th of them fail
    expect(statuses.map((status) => status >= 300)).toEqual([true, false, true, false, true])
    expect(statuses[0]).toBe(429)
    expect(statuses.filter((status) => status === 503)).toHaveLength(2)

    standIn.reset()
    expect(await unsubscribe(9)).toBe(200)
    expect(await unsubscribe(10)).toBe(200)
  })
})
