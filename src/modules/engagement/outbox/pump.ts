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
  /** claim once this many slots are free (batches the claims; 1 claims whenever a slot is free) */
  refill: number
  /**
   * Claims up to `count` rows (the free slots when the claim was sent). It must take no more than the
   * slots free when it runs, counting this pump's calls not answered yet (`claim.ts` counts them in
   * the table): calls answered while it waits are then taken by it, not left for the next claim.
   */
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
 *
 * The claim runs while the calls do, and is sent as soon as a slot is free (or `refill` are): it
 * takes the slots free when it runs, so calls answered while it waits are taken by it, and the next
 * claim is sent as soon as it returns if a slot is free again. One claim at a time: no call starts
 * while it runs, so what it counts stays true until it ends, and the limit across processes is the
 * one the claim counts in the table (see `claim.ts`).
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
  let claiming: Promise<void> | null = null
  // calls answered so far, and how many had been when a claim found every slot taken: claiming
  // again before one of ours is answered would find the same
  let answers = 0
  let fullAt = -1
  const start = (row: T) => {
    let answered!: () => void
    const slot: Promise<void> = new Promise<void>((resolve) => (answered = resolve)).then(() => {
      slots.delete(slot)
      answers++
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
  const claimFreeSlots = async () => {
    const answersBefore = answers
    // asks for every slot: the claim itself takes only those free when it runs
    const { rows, due, paused } = await args.claim(args.concurrency)
    if (paused || (!rows.length && !due)) {
      // the platform asked to wait, or nothing is due: claim no more
      dry = true
      return
    }
    if (!rows.length) {
      if (slots.size) {
        // every slot is taken, some by this pump: claim again once one of ours is answered
        fullAt = answersBefore
        return
      }
      // other processes hold every slot: ask again, less and less often (up to twice a second)
      await sleep(busyWait)
      busyWait = Math.min(busyWait * 2, 500)
      return
    }
    claimed += rows.length
    busyWait = args.busyWaitMs ?? 25
    // started even after a failure or a stop: the rows are claimed, and a row left unattempted would
    // wait for its lease and come back in doubt
    rows.forEach(start)
  }
  // outcomes still being written, as many as the platform's slots, hold back the claims: calls
  // answered faster than their outcomes are written would pile up without end, and a row whose
  // outcome waited past its lease would be claimed again
  const held = () => attempts.size - slots.size >= args.concurrency
  const mayClaim = () =>
    claiming === null &&
    !held() &&
    !dry &&
    failure === null &&
    answers > fullAt &&
    args.concurrency - slots.size >= (slots.size ? refill : 1) &&
    !args.stop()
  for (;;) {
    if (mayClaim()) {
      claiming = claimFreeSlots()
        .catch((error) => {
          failure ??= error
        })
        .finally(() => {
          claiming = null
        })
    }
    const waits: Promise<void>[] = [...slots]
    if (claiming !== null) {
      waits.push(claiming)
    }
    if (held() && !dry && failure === null) {
      waits.push(...attempts)
    }
    if (!waits.length) {
      break
    }
    await Promise.race(waits)
  }
  await Promise.all(attempts)
  if (failure !== null) {
    throw failure
  }
  return claimed
}
