import { pump } from "./pump"

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A queue of `total` rows claimed in order, with another process holding `foreign` slots for the first `holdMs`. */
function queue(total: number, concurrency: number, { foreign = 0, holdMs = 0 } = {}) {
  let next = 0
  let inFlight = 0
  let maxInFlight = 0
  const claims: number[] = []
  const started = Date.now()
  return {
    stats: () => ({ maxInFlight, claims, sent: next }),
    claim: async (count: number) => {
      const held = Date.now() - started < holdMs ? foreign : 0
      const free = Math.max(0, concurrency - inFlight - held)
      const rows = Array.from({ length: Math.min(count, free, total - next) }, () => next++)
      claims.push(rows.length)
      inFlight += rows.length
      maxInFlight = Math.max(maxInFlight, inFlight + held)
      return { rows, due: next < total || rows.length > 0, paused: false }
    },
    attempt: async () => {
      await sleep(5)
      inFlight--
    },
  }
}

describe("pump", () => {
  it("keeps calls in flight at the limit until nothing is due, claiming freed slots in batches", async () => {
    const q = queue(100, 8)
    const claimed = await pump({ concurrency: 8, refill: 2, claim: q.claim, attempt: q.attempt, stop: () => false })
    expect(claimed).toBe(100)
    expect(q.stats().maxInFlight).toBe(8)
    // after the first claim each refill takes at least two slots, and the last claim finds nothing
    expect(q.stats().claims[0]).toBe(8)
    expect(
      q
        .stats()
        .claims.slice(1, -2)
        .every((count) => count >= 2)
    ).toBe(true)
    expect(q.stats().claims.at(-1)).toBe(0)
  })

  it("waits while other processes hold every slot, then sends", async () => {
    const q = queue(10, 4, { foreign: 4, holdMs: 60 })
    const claimed = await pump({ concurrency: 4, refill: 1, claim: q.claim, attempt: q.attempt, stop: () => false })
    expect(claimed).toBe(10)
    expect(q.stats().maxInFlight).toBeLessThanOrEqual(4)
  })

  it("stops claiming when told, and lets the calls in flight end", async () => {
    const q = queue(1000, 4)
    let calls = 0
    const claimed = await pump({
      concurrency: 4,
      refill: 1,
      claim: q.claim,
      attempt: async () => {
        calls++
        await q.attempt()
      },
      stop: () => calls >= 10,
    })
    expect(claimed).toBeLessThan(20)
    expect(calls).toBe(claimed)
  })

  it("rethrows an attempt's error once the other calls have ended", async () => {
    const q = queue(6, 3)
    let ended = 0
    await expect(
      pump({
        concurrency: 3,
        refill: 1,
        claim: q.claim,
        attempt: async (row: number) => {
          await q.attempt()
          ended++
          if (row === 1) {
            throw new Error("database down")
          }
        },
        stop: () => false,
      })
    ).rejects.toThrow("database down")
    expect(ended).toBeGreaterThanOrEqual(3)
  })

  it("frees a slot once the platform has answered, and returns only after every outcome is written", async () => {
    const concurrency = 4
    let calling = 0
    let maxCalling = 0
    let writing = 0
    let maxWriting = 0
    let written = 0
    let next = 0
    const claimed = await pump({
      concurrency,
      refill: 1,
      // the claim counts only calls not yet answered as taking a slot (as claim.ts does with `answered`)
      claim: async (count: number) => {
        const rows = Array.from({ length: Math.min(count, concurrency - calling, 40 - next) }, () => next++)
        return { rows, due: next < 40 || rows.length > 0, paused: false }
      },
      attempt: async (_row: number, answered: () => void) => {
        calling++
        maxCalling = Math.max(maxCalling, calling)
        await sleep(5)
        calling--
        answered()
        writing++
        maxWriting = Math.max(maxWriting, writing)
        // the outcome's write outlasts the call: the next calls go out meanwhile
        await sleep(15)
        writing--
        written++
      },
      stop: () => false,
    })
    expect(claimed).toBe(40)
    expect(maxCalling).toBeLessThanOrEqual(concurrency)
    expect(maxWriting).toBeGreaterThan(concurrency)
    expect(written).toBe(40)
  })

  it("takes the slots freed while a claim waits, so the calls in flight do not drain between claims", async () => {
    const concurrency = 8
    let inFlight = 0
    let next = 0
    // calls in flight after each claim that the backlog did not cut short
    const afterClaims: number[] = []
    await pump({
      concurrency,
      refill: 1,
      // a claim slower than a call's gaps: it counts the free slots when it runs, as claim.ts does
      claim: async (count: number) => {
        await sleep(4)
        const rows = Array.from({ length: Math.min(count, concurrency - inFlight, 200 - next) }, () => next++)
        inFlight += rows.length
        if (rows.length && next < 200) {
          afterClaims.push(inFlight)
        }
        return { rows, due: next < 200 || rows.length > 0, paused: false }
      },
      attempt: async () => {
        await sleep(3 + (next % 5))
        inFlight--
      },
      stop: () => false,
    })
    expect(next).toBe(200)
    // every claim that found rows filled every slot, including those freed while it waited
    expect(afterClaims.length).toBeGreaterThan(10)
    expect(afterClaims.every((count) => count === concurrency)).toBe(true)
  })

  it("holds back the claims while as many outcomes as the platform has slots are still being written", async () => {
    const concurrency = 4
    let calling = 0
    let writing = 0
    let mostWriting = 0
    let next = 0
    await pump({
      concurrency,
      refill: 1,
      claim: async (count: number) => {
        const rows = Array.from({ length: Math.min(count, concurrency - calling, 60 - next) }, () => next++)
        calling += rows.length
        return { rows, due: next < 60 || rows.length > 0, paused: false }
      },
      attempt: async (_row: number, answered: () => void) => {
        await sleep(1)
        calling--
        answered()
        writing++
        mostWriting = Math.max(mostWriting, writing)
        // outcomes written far slower than the platform answers
        await sleep(20)
        writing--
      },
      stop: () => false,
    })
    expect(next).toBe(60)
    // at most one claim's worth beyond the limit: the claim sent just below it
    expect(mostWriting).toBeLessThan(2 * concurrency)
  })
})
