import { pump, type PumpClaim } from "./pump"

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The outbox table as `claim.ts` counts it, for pumps standing in for processes: rows due in order,
 * each held by one process from its claim until its outcome is written. A claim counts the other
 * processes' rows as calls in flight and takes no more than (concurrency − those) × rounds, less
 * the rows the claimant holds not answered (`busy`). Calls in flight are counted across processes.
 */
function table(total: number, concurrency: number, { claimMs = 0, foreign = 0, foreignMs = 0 } = {}) {
  let next = 0
  let inFlight = 0
  let maxInFlight = 0
  const heldBy = new Map<string, number>()
  const started = Date.now()
  const claims: number[] = []
  const sent: number[] = []
  return {
    stats: () => ({ maxInFlight, claims, sent, next }),
    claim:
      (process: string, rounds: number) =>
      async (count: number, busy: number): Promise<PumpClaim<number>> => {
        await sleep(claimMs)
        // another process, not a pump, holding slots for the first `foreignMs`
        const outside = Date.now() - started < foreignMs ? foreign : 0
        let others = outside
        heldBy.forEach((rows, holder) => (others += holder === process ? 0 : rows))
        const room = Math.max(0, Math.min(count, (concurrency - others) * rounds - busy))
        const rows = Array.from({ length: Math.min(room, total - next) }, () => next++)
        claims.push(rows.length)
        heldBy.set(process, (heldBy.get(process) ?? 0) + rows.length)
        return { rows, others, due: next < total || rows.length > 0, paused: false }
      },
    /** one call: `callMs` in flight, then `writeMs` writing its outcome (the row still held) */
    attempt:
      (process: string, callMs: number, writeMs = 0, onStart?: (inFlight: number) => void) =>
      async (row: number, answered: () => void) => {
        inFlight++
        maxInFlight = Math.max(maxInFlight, inFlight)
        onStart?.(inFlight)
        await sleep(callMs)
        inFlight--
        answered()
        await sleep(writeMs)
        sent.push(row)
        heldBy.set(process, heldBy.get(process)! - 1)
      },
  }
}

describe("pump", () => {
  it("keeps calls in flight at the limit until nothing is due, claiming freed slots in batches", async () => {
    const t = table(100, 8)
    const claimed = await pump({
      concurrency: 8,
      rounds: 1,
      refill: 2,
      claim: t.claim("a", 1),
      attempt: t.attempt("a", 5),
      stop: () => false,
    })
    expect(claimed).toBe(100)
    expect(t.stats().maxInFlight).toBe(8)
    // after the first claim each refill takes at least two slots, and the last claim finds nothing
    expect(t.stats().claims[0]).toBe(8)
    expect(
      t
        .stats()
        .claims.slice(1, -2)
        .every((count) => count >= 2)
    ).toBe(true)
    expect(t.stats().claims.at(-1)).toBe(0)
  })

  it("starts a held row the moment a slot frees, so slots do not wait for a claim's round trip", async () => {
    const concurrency = 4
    // calls in flight when each call started, after the first claim's
    const startedBeside = (rounds: number) => async () => {
      const t = table(120, concurrency, { claimMs: 3 })
      const seen: number[] = []
      await pump({
        concurrency,
        rounds,
        refill: 1,
        claim: t.claim("a", rounds),
        attempt: t.attempt("a", 30, 0, (inFlight) => seen.push(inFlight)),
        stop: () => false,
      })
      expect(t.stats().sent.length).toBe(120)
      expect(t.stats().maxInFlight).toBe(concurrency)
      // the first claim's calls start one by one; of the later ones, those that waited for a claim
      // start beside fewer calls than the limit
      return seen.slice(concurrency).filter((inFlight) => inFlight < concurrency).length
    }
    // holding a round ahead, every freed slot is refilled at once
    expect(await startedBeside(2)()).toBe(0)
    // claiming only free slots, freed slots wait for the claim
    expect(await startedBeside(1)()).toBeGreaterThan(10)
  })

  it("keeps calls in flight across two processes within the limit, each holding rows ahead", async () => {
    const concurrency = 6
    const t = table(300, concurrency, { claimMs: 2 })
    // the first process to claim holds every slot while it has rows to send; the other takes over
    // once it stops claiming (a worker shutting down), and in the hand-over both have calls in flight
    let aCalls = 0
    const run = (process: string, stop: () => boolean) =>
      pump({
        concurrency,
        rounds: 2,
        refill: 2,
        busyWaitMs: 2,
        claim: t.claim(process, 2),
        attempt: async (row: number, answered: () => void) => {
          aCalls += process === "a" ? 1 : 0
          await t.attempt(process, 3 + (process === "a" ? 2 : 0), 4)(row, answered)
        },
        stop,
      })
    const [a, b] = await Promise.all([run("a", () => aCalls >= 100), sleep(5).then(() => run("b", () => false))])
    expect(a + b).toBe(300)
    expect(a).toBeGreaterThanOrEqual(100)
    expect(b).toBeGreaterThan(100)
    expect(t.stats().maxInFlight).toBeLessThanOrEqual(concurrency)
    // each row sent once
    expect(new Set(t.stats().sent).size).toBe(300)
  })

  it("waits while other processes hold every slot, then sends", async () => {
    const t = table(10, 4, { foreign: 4, foreignMs: 60 })
    const claimed = await pump({
      concurrency: 4,
      rounds: 2,
      refill: 1,
      claim: t.claim("a", 2),
      attempt: t.attempt("a", 5),
      stop: () => false,
    })
    expect(claimed).toBe(10)
    expect(t.stats().maxInFlight).toBeLessThanOrEqual(4)
  })

  it("holds its waiting rows while a claim says other processes took every slot, and starts them once one frees", async () => {
    let othersFor = 3
    let inFlight = 0
    let maxInFlight = 0
    const counts: number[] = []
    const sent: number[] = []
    let next = 0
    const claimed = await pump({
      concurrency: 2,
      rounds: 2,
      refill: 1,
      busyWaitMs: 2,
      // the first claim takes four rows with no other calls; the next three see every slot taken
      claim: async (count) => {
        counts.push(count)
        const others = next === 0 ? 0 : othersFor-- > 0 ? 2 : 0
        const rows = next === 0 ? [next++, next++, next++, next++] : []
        return { rows, others, due: rows.length > 0, paused: false }
      },
      attempt: async (row, answered) => {
        inFlight++
        maxInFlight = Math.max(maxInFlight, inFlight)
        await sleep(3)
        inFlight--
        answered()
        sent.push(row)
      },
      stop: () => false,
    })
    expect(claimed).toBe(4)
    expect(sent.sort()).toEqual([0, 1, 2, 3])
    expect(maxInFlight).toBeLessThanOrEqual(2)
  })

  it("stops claiming when told, and lets the calls in flight end", async () => {
    const t = table(1000, 4)
    let calls = 0
    const attempt = t.attempt("a", 5)
    const claimed = await pump({
      concurrency: 4,
      rounds: 2,
      refill: 1,
      claim: t.claim("a", 2),
      attempt: async (row: number, answered: () => void) => {
        calls++
        await attempt(row, answered)
      },
      stop: () => calls >= 10,
    })
    expect(claimed).toBeLessThan(24)
    // every row claimed is attempted, the ones held ahead too
    expect(calls).toBe(claimed)
  })

  it("rethrows an attempt's error once the other calls have ended", async () => {
    const t = table(6, 3)
    const attempt = t.attempt("a", 5)
    let ended = 0
    await expect(
      pump({
        concurrency: 3,
        rounds: 1,
        refill: 1,
        claim: t.claim("a", 1),
        attempt: async (row: number, answered: () => void) => {
          await attempt(row, answered)
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
    let writing = 0
    let maxWriting = 0
    const t = table(40, concurrency)
    const attempt = t.attempt("a", 5)
    const claimed = await pump({
      concurrency,
      rounds: 1,
      refill: 1,
      claim: t.claim("a", 1),
      attempt: async (row: number, answered: () => void) => {
        await attempt(row, () => {
          answered()
          writing++
          maxWriting = Math.max(maxWriting, writing)
        })
        // the outcome's write outlasts the call: the next calls go out meanwhile
        await sleep(15)
        writing--
      },
      stop: () => false,
    })
    expect(claimed).toBe(40)
    expect(t.stats().maxInFlight).toBeLessThanOrEqual(concurrency)
    expect(maxWriting).toBeGreaterThan(concurrency)
    expect(t.stats().sent.length).toBe(40)
  })

  it("holds back the claims while as many outcomes as the platform has slots are still being written", async () => {
    const concurrency = 4
    let writing = 0
    let mostWriting = 0
    const t = table(60, concurrency)
    await pump({
      concurrency,
      rounds: 2,
      refill: 1,
      claim: t.claim("a", 2),
      attempt: async (row: number, answered: () => void) => {
        await t.attempt("a", 1)(row, () => {
          answered()
          writing++
          mostWriting = Math.max(mostWriting, writing)
        })
        // outcomes written far slower than the platform answers
        await sleep(20)
        writing--
      },
      stop: () => false,
    })
    expect(t.stats().sent.length).toBe(60)
    // at most the rows held when the hold began beyond the limit
    expect(mostWriting).toBeLessThan(3 * concurrency)
  })
})
