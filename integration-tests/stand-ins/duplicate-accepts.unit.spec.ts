import { percentiles } from "../../bench/lib/stats"
import { REJOINER_TEST_CONFIG } from "../helpers/stand-ins"
import { createRejoinerStandIn } from "./rejoiner"

describe("a stand-in counting writes accepted twice under one Idempotency-Key", () => {
  const standIn = createRejoinerStandIn(REJOINER_TEST_CONFIG)
  let base = ""
  beforeAll(async () => (base = await standIn.start(0)))
  afterAll(() => standIn.stop())
  afterEach(() => standIn.reset())

  const unsubscribe = (email: string, key: string) =>
    fetch(`${base}/customer/unsubscribe/`, {
      method: "POST",
      headers: {
        Authorization: `Rejoiner ${REJOINER_TEST_CONFIG.apiKey}`,
        "Content-Type": "application/json",
        "Idempotency-Key": key,
      },
      body: JSON.stringify({ email }),
    }).then((response) => response.status)

  it("counts by call, although the platform keeps the contact once by email", async () => {
    expect(await unsubscribe("a@example.com", "k1")).toBe(200)
    expect(await unsubscribe("a@example.com", "k1")).toBe(200)
    expect(await unsubscribe("a@example.com", "k2")).toBe(200)
    expect(standIn.duplicateAccepts()).toEqual([{ route: "unsubscribe", key: "k1", count: 2 }])
  })

  it("does not count a retry of a call the platform refused", async () => {
    standIn.failNext(1, { kind: "status", status: 503 })
    expect(await unsubscribe("b@example.com", "k3")).toBe(503)
    expect(await unsubscribe("b@example.com", "k3")).toBe(200)
    expect(standIn.duplicateAccepts()).toEqual([])
  })
})

describe("the bench's percentiles", () => {
  it("are nearest-rank, with n, and say when n is too small for a tail", () => {
    const samples = Array.from({ length: 1000 }, (_, i) => 1000 - i) // 1..1000, unsorted
    expect(percentiles(samples)).toEqual({
      p50: 500,
      p95: 950,
      p99: 990,
      n: 1000,
      meaningful: { p95: true, p99: true },
    })
    const few = percentiles([3, 1, 2])
    expect([few.p50, few.p99, few.meaningful.p99]).toEqual([2, 3, false])
    expect(() => percentiles([])).toThrow("no samples")
  })
})
