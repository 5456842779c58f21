import { latestWins } from "./latest-wins"

/** A write that finishes when the test says so, noting how many writes run at once. */
function writes() {
  let running = 0
  let most = 0
  const written: string[] = []
  const finish: (() => void)[] = []
  const write =
    (value: string, fail = false) =>
    async () => {
      running += 1
      most = Math.max(most, running)
      await new Promise<void>((resolve) => finish.push(resolve))
      running -= 1
      if (fail) {
        throw new Error(`${value} refused`)
      }
      written.push(value)
      return value
    }
  // lets the queue move: each round finishes the writes running then
  const settle = async () => {
    for (let round = 0; round < 10; round++) {
      await new Promise((resolve) => setImmediate(resolve))
      finish.splice(0).forEach((resolve) => resolve())
    }
  }
  return { write, settle, written, most: () => most }
}

describe("latestWins (the checkout consents' cart writes)", () => {
  it("writes one at a time and skips a choice superseded before its turn, so the last choice is written last", async () => {
    const enqueue = latestWins()
    const { write, settle, written, most } = writes()
    const first = enqueue(write("email"))
    // the first box's write is under way when the next two boxes are ticked
    await new Promise((resolve) => setImmediate(resolve))
    const second = enqueue(write("email+reviews"))
    const third = enqueue(write("email+reviews+sms"))
    await settle()
    await expect(first).resolves.toBe("email")
    await expect(second).resolves.toBeUndefined()
    await expect(third).resolves.toBe("email+reviews+sms")
    expect(written).toEqual(["email", "email+reviews+sms"])
    expect(most()).toBe(1)
  })

  it("writes only the last of choices made at once", async () => {
    const enqueue = latestWins()
    const { write, settle, written } = writes()
    const answers = [enqueue(write("a")), enqueue(write("b")), enqueue(write("c"))]
    await settle()
    expect(await Promise.all(answers)).toEqual([undefined, undefined, "c"])
    expect(written).toEqual(["c"])
  })

  it("goes on after a refused write, whose caller sees the refusal", async () => {
    const enqueue = latestWins()
    const { write, settle, written } = writes()
    const refused = enqueue(write("email", true))
    const caught = refused.catch((error: Error) => error.message)
    await settle()
    expect(await caught).toBe("email refused")
    const next = enqueue(write("reviews"))
    await settle()
    await expect(next).resolves.toBe("reviews")
    expect(written).toEqual(["reviews"])
  })
})
