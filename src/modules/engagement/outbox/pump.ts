/** What a claim found: the rows, whether more are due, and whether the platform is paused. */
export interface PumpClaim<T> {
  rows: T[]
  /** rows are due; with none claimed, every slot of the platform is taken (by this or other processes) */
  due: boolean
  paused: boolean
}

export interface PumpArgs<T> {
  /** the platform's concurrency limit: calls in flight are kept at it while rows are due */
  concurrency: number
  /** claim again once this many slots are free (batches the claims; 1 refills at once) */
  refill: number
  claim(count: number): Promise<PumpClaim<T>>
  /**
   * One attempt; it records its own outcome. It calls `answered()` once its call to the platform has
   * ended: the slot is free from then on, while the outcome is still being written.
   */
  attempt(row: T, answered: () => void): Promise<void>
  /** true once no more should be claimed (the platform paused, the run's time is up) */
  stop(): boolean
  /** how long to wait first before asking again when other processes hold every slot (it doubles, up to 500 ms) */
  busyWaitMs?: number
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Keeps a platform's calls in flight at its concurrency while rows are due: each finished call
 * frees a slot that the next claim fills, instead of claiming a batch and waiting for all of it
 * (a batch waits for its slowest call, and a batch smaller than the limit caps calls in flight).
 * A slot is free once the platform has answered; writing the outcome does not hold it.
 * Ends once a claim finds nothing due, or `stop()` says so, and every attempt has ended.
 * Returns how many rows it claimed.
 */
export async function pump<T>(args: PumpArgs<T>): Promise<number> {
  // calls not answered yet: each holds one of the platform's slots
  const slots = new Set<Promise<void>>()
  // attempts not ended yet (answered ones still writing their outcome included)
  const attempts = new Set<Promise<void>>()
  let claimed = 0
  let dry = false
  let failure: unknown = null
  let busyWait = args.busyWaitMs ?? 25
  const refill = Math.max(1, Math.min(args.refill, args.concurrency))
  const start = (row: T) => {
    let answered!: () => void
    const slot: Promise<void> = new Promise<void>((resolve) => (answered = resolve)).then(() => {
      slots.delete(slot)
    })
    slots.add(slot)
    const attempt: Promise<void> = args
      .attempt(row, () => answered())
      .catch((error) => {
        failure ??= error
      })
      .finally(() => {
        answered()
        attempts.delete(attempt)
      })
    attempts.add(attempt)
  }
  for (;;) {
    while (!dry && failure === null && !args.stop() && args.concurrency - slots.size >= (slots.size ? refill : 1)) {
      const { rows, due, paused } = await args.claim(args.concurrency - slots.size)
      if (paused || (!rows.length && !due)) {
        // the platform asked to wait, or nothing is due: claim no more
        dry = true
        break
      }
      if (!rows.length) {
        if (slots.size) {
          // every slot is taken, some by this pump: claim again once one of ours is answered
          break
        }
        // other processes hold every slot: ask again, less and less often (up to twice a second)
        await sleep(busyWait)
        busyWait = Math.min(busyWait * 2, 500)
        continue
      }
      claimed += rows.length
      busyWait = args.busyWaitMs ?? 25
      rows.forEach(start)
    }
    if (!slots.size) {
      break
    }
    await Promise.race(slots)
  }
  await Promise.all(attempts)
  if (failure !== null) {
    throw failure
  }
  return claimed
}
