import fs from "node:fs"
import path from "node:path"
import { withLoggableErrors } from "./database-errors"
import { trackWork, workSettled } from "./work-in-flight"

function later<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms))
}

describe("the plugin's work in flight", () => {
  it("waits for a handler wrapped by withLoggableErrors, and for the work it starts meanwhile", async () => {
    const finished: string[] = []
    // a subscriber whose work emits an event another subscriber handles after it has ended
    const second = withLoggableErrors(async () => {
      await later(40, null)
      finished.push("second")
    })
    const first = withLoggableErrors(async () => {
      await later(20, null)
      finished.push("first")
      setImmediate(() => void second())
    })
    void first()
    expect(await workSettled(5_000)).toBe(true)
    expect(finished).toEqual(["first", "second"])
  })

  it("counts a failed handler as settled, and still throws its error to the caller", async () => {
    const failing = withLoggableErrors(async () => {
      await later(10, null)
      throw new Error("platform down")
    })
    const run = failing()
    expect(await workSettled(5_000)).toBe(true)
    await expect(run).rejects.toThrow("platform down")
  })

  it("answers false once the timeout passes with work still running, and true when it ends", async () => {
    const slow = trackWork(later(300, "done"))
    expect(await workSettled(50)).toBe(false)
    expect(await slow).toBe("done")
    expect(await workSettled(50)).toBe(true)
  })

  it("does not count a handler wrapped with counted: false (a job's minute tick)", async () => {
    let ended = false
    const job = withLoggableErrors(
      async () => {
        await later(200, null)
        ended = true
      },
      { counted: false }
    )
    const run = job()
    expect(await workSettled(1_000)).toBe(true)
    expect(ended).toBe(false)
    await run
  })

  it("counts every subscriber of the plugin: each is exported wrapped by withLoggableErrors", () => {
    const dir = path.join(__dirname, "../subscribers")
    const files = fs.readdirSync(dir).filter((file) => file.endsWith(".ts") && !file.includes(".spec."))
    expect(files.length).toBeGreaterThan(10)
    const unwrapped = files.filter(
      (file) => !/^export default withLoggableErrors\(\w+\)$/m.test(fs.readFileSync(path.join(dir, file), "utf8"))
    )
    expect(unwrapped).toEqual([])
  })
})
