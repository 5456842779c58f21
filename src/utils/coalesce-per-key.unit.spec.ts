import { coalescePerKey } from "./coalesce-per-key"

const deferred = () => {
  let resolve!: () => void
  const promise = new Promise<void>((done) => (resolve = done))
  return { promise, resolve }
}

describe("coalescePerKey", () => {
  it("folds the changes that arrive during a key's run into one more run, and runs other keys at once", async () => {
    const runs: string[][] = []
    const gates: ReturnType<typeof deferred>[] = []
    const sync = coalescePerKey(async (keys) => {
      runs.push(keys)
      const gate = deferred()
      gates.push(gate)
      await gate.promise
    })

    const first = sync(["cus_a"])
    // three more changes of cus_a while its run is in progress, one of them with cus_b
    const during = [sync(["cus_a"]), sync(["cus_a", "cus_b"]), sync(["cus_a"])]
    await Promise.resolve()
    expect(runs).toEqual([["cus_a"], ["cus_b"]])

    // the calls that only folded their change in end at once; cus_b's waits for its own run
    await Promise.all([during[0], during[2]])
    gates[0].resolve()
    await new Promise((resolve) => setImmediate(resolve))
    // one more run of cus_a for the three changes, after the first ended
    expect(runs).toEqual([["cus_a"], ["cus_b"], ["cus_a"]])
    gates[1].resolve()
    gates[2].resolve()
    await Promise.all([first, during[1]])

    // nothing in progress any more: the next change runs at once
    const later = sync(["cus_a"])
    expect(runs).toHaveLength(4)
    gates[3].resolve()
    await later
  })

  it("lets a failed run's error through and forgets the key, so the next change runs again", async () => {
    let fail = true
    const runs: string[][] = []
    const sync = coalescePerKey(async (keys) => {
      runs.push(keys)
      if (fail) {
        throw new Error("conflict")
      }
    })
    await expect(sync(["cus_a"])).rejects.toThrow("conflict")
    fail = false
    await sync(["cus_a"])
    expect(runs).toEqual([["cus_a"], ["cus_a"]])
  })
})
