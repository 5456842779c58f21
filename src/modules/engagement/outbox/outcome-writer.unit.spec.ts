import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { OutcomeWriter, type PendingOutcome } from "./outcome-writer"

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A manager whose statements answer every row of the batch as saved, counting them. */
function fakeManager() {
  const statements: string[][] = []
  const manager = {
    getTransactionContext: () => undefined,
    getKnex: () => ({
      raw: async (_sql: string, [json]: [string]) => {
        const ids = (JSON.parse(json) as { id: string }[]).map((value) => value.id)
        statements.push(ids)
        await sleep(5)
        return { rows: ids.map((id) => ({ id })) }
      },
    }),
  }
  return { manager: manager as unknown as SqlEntityManager, statements }
}

const outcome = (id: string, waited: boolean): PendingOutcome => ({
  recorded: { id, status: "delivered" },
  attempt: 1,
  outcome: waited ? { kind: "delivered" } : undefined,
})

describe("OutcomeWriter", () => {
  it("writes the outcomes that arrive during a write together, in a transaction when a handler waits on one", async () => {
    const { manager, statements } = fakeManager()
    const settled: string[][] = []
    const writer = new OutcomeWriter(
      manager,
      async (batch) => {
        settled.push(batch.map((entry) => entry.recorded.id))
        await sleep(5)
        return new Set(batch.map((entry) => entry.recorded.id))
      },
      200,
      1
    )
    const first = writer.record(outcome("a", false))
    const rest = ["b", "c", "d"].map((id, index) => writer.record(outcome(id, index === 1)))
    expect(await Promise.all([first, ...rest])).toEqual([true, true, true, true])
    // "a" alone (nothing waits on it: one statement), then b, c, d in one transaction with c's handler
    expect(statements).toEqual([["a"]])
    expect(settled).toEqual([["b", "c", "d"]])
  })

  it("writes a failed transaction's outcomes again one at a time, so only the one at fault fails", async () => {
    const { manager } = fakeManager()
    const attempts: string[][] = []
    const writer = new OutcomeWriter(
      manager,
      async (batch) => {
        const ids = batch.map((entry) => entry.recorded.id)
        attempts.push(ids)
        if (ids.includes("bad")) {
          throw new Error("handler failed")
        }
        return new Set(ids)
      },
      200,
      1
    )
    const blocker = writer.record(outcome("x", true))
    const results = ["ok1", "bad", "ok2"].map((id) => writer.record(outcome(id, true)))
    await blocker
    await expect(results[0]).resolves.toBe(true)
    await expect(results[1]).rejects.toThrow("handler failed")
    await expect(results[2]).resolves.toBe(true)
    expect(attempts).toEqual([["x"], ["ok1", "bad", "ok2"], ["ok1"], ["bad"], ["ok2"]])
  })

  it("writes up to maxWriting batches at once, each taking what waits when it starts", async () => {
    const { manager } = fakeManager()
    let writing = 0
    let most = 0
    const batches: number[] = []
    const writer = new OutcomeWriter(
      manager,
      async (batch) => {
        writing++
        most = Math.max(most, writing)
        batches.push(batch.length)
        await sleep(10)
        writing--
        return new Set(batch.map((entry) => entry.recorded.id))
      },
      200,
      2
    )
    const ids = Array.from({ length: 10 }, (_, n) => `r${n}`)
    expect(await Promise.all(ids.map((id) => writer.record(outcome(id, true))))).toEqual(ids.map(() => true))
    expect(most).toBe(2)
    // the first two go alone (a writer was free), the eight that waited go together
    expect(batches).toEqual([1, 1, 8])
  })

  it("gathers outcomes into one write until enough wait or the first has waited its time", async () => {
    const { manager, statements } = fakeManager()
    // enough waiting: written at once as one statement (a minute's wait would time the test out)
    const patient = new OutcomeWriter(manager, async () => new Set(), 200, 4, { rows: 3, ms: 60_000 })
    expect(await Promise.all(["a", "b", "c"].map((id) => patient.record(outcome(id, false))))).toEqual([
      true,
      true,
      true,
    ])
    // two, the second 10 ms after the first: written together once the first has waited 40 ms
    const writer = new OutcomeWriter(manager, async () => new Set(), 200, 4, { rows: 3, ms: 40 })
    const first = writer.record(outcome("d", false))
    await sleep(10)
    const second = writer.record(outcome("e", false))
    const gathered = Date.now()
    expect(await Promise.all([first, second])).toEqual([true, true])
    expect(Date.now() - gathered).toBeGreaterThanOrEqual(20)
    expect(statements).toEqual([
      ["a", "b", "c"],
      ["d", "e"],
    ])
  })
})
