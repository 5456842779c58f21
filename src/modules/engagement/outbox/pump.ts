/** What a claim found: the rows, the calls other processes had in flight, whether more are due, whether the platform is paused. */
export interface PumpClaim<T> {
  rows: T[]
  /**
   * Calls in flight in other processes when the claim ran (their rows held): this pump keeps its
   * own calls below `concurrency` less these until its next claim.
   */
  others: number
  /** rows are due; with none claimed, the room was taken (by this pump or by other processes) */
  due: boolean
  paused: boolean
}

export interface PumpArgs<T> {
  /** the platform's concurrency limit: calls in flight are kept at it while rows are due */
  concurrency: number
  /**
   * How many rows this pump holds per slot left to it: 1 claims only the free slots; 2 holds as
   * many again waiting for a slot, so a slot that frees starts the next row at once instead of
   * waiting for a claim's round trip. Every row held must be sent before its lease ends, which
   * bounds it (see claim-limit.ts).
   */
  rounds: number
  /** claim once this many rows fit (batches the claims; 1 claims whenever one fits) */
  refill: number
  /**
   * Claims up to `count` rows, `busy` being the rows this pump holds not answered yet (in flight
   * or waiting). When it runs it must take no more than the slots other processes leave (the
   * concurrency less their calls in flight) times `rounds`, less `busy`, and report those calls
   * (`others`): `claim.ts` counts both in the table. `count` is 0 when the pump only needs `others`
   * again (its rows wait while other processes hold every slot).
   */
  claim(count: number, busy: number): Promise<PumpClaim<T>>
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
 * frees a slot that the next row held ahead fills at once, and claims run beside the calls to keep
 * rows waiting (a batch that waits for all of its calls waits for its slowest, and a slot
 * that waits for a claim's round trip idles through it). A slot is free once the platform has
 * answered; writing the outcome does not hold it.
 *
 * One claim at a time. Calls start only while this pump's are fewer than the limit less the calls
 * other processes had in flight at its last claim (`others`), which keeps the limit across
 * processes (see `claim.ts`). Rows claimed are sent even after a failure or a stop (a row left
 * unattempted would wait for its lease and come back in doubt), unless a claim failed while they
 * waited for other processes' slots: they then wait for their lease.
 * Ends once a claim finds nothing due, or `stop()` says so, and every attempt has ended.
 * Returns how many rows it claimed.
 */
export async function pump<T>(args: PumpArgs<T>): Promise<number> {
  // calls not answered yet: each holds one of the platform's slots
  const slots = new Set<Promise<void>>()
  // attempts not ended yet (answered ones still writing their outcome included)
  const attempts = new Set<Promise<void>>()
  // rows claimed, waiting for a slot
  const waiting: T[] = []
  const rounds = Math.max(1, Math.floor(args.rounds))
  // the calls this pump may have in flight: the limit less other processes' at the last claim
  let cap = args.concurrency
  // the rows it may hold not answered yet
  const room = () => Math.max(0, cap) * rounds
  let claimed = 0
  let dry = false
  let failure: unknown = null
  let busyWait = args.busyWaitMs ?? 25
  const refill = Math.max(1, Math.min(args.refill, args.concurrency * rounds))
  let claiming: Promise<void> | null = null
  // calls answered so far, and how many had been when a claim found no room: claiming again
  // before one of ours is answered would find the same
  let answers = 0
  let fullAt = -1
  // the loop below sleeps until something it waits for happened: a call answered, an attempt
  // ended, a claim ended. One wake-up per event, not a race over every call in flight (which
  // chained a reaction onto each of them every time one was answered: O(concurrency) per call)
  let wake: (() => void) | null = null
  // an attempt's end wakes it only while outcomes hold back the claims (as a call answered always does)
  let waitsForAttempts = false
  const notify = () => {
    const resume = wake
    wake = null
    resume?.()
  }
  const start = (row: T) => {
    let answered!: () => void
    const slot: Promise<void> = new Promise<void>((resolve) => (answered = resolve)).then(() => {
      slots.delete(slot)
      answers++
      startWaiting()
      notify()
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
        if (waitsForAttempts) {
          notify()
        }
      })
    attempts.add(attempt)
  }
  const startWaiting = () => {
    while (waiting.length && slots.size < cap) {
      start(waiting.shift()!)
    }
  }
  // other processes hold every slot this pump's waiting rows could take: only a claim tells when they free
  const stalled = () => waiting.length > 0 && slots.size === 0 && cap <= 0
  const claimRows = async () => {
    const answersBefore = answers
    const busy = slots.size + waiting.length
    // as many as could fit: the claim itself counts the other processes' calls as they are now
    const count = wantsMore() ? args.concurrency * rounds - busy : 0
    const { rows, others, due, paused } = await args.claim(count, busy)
    cap = args.concurrency - others
    claimed += rows.length
    waiting.push(...rows)
    startWaiting()
    if (paused || (!rows.length && !due)) {
      // the platform asked to wait, or nothing is due: claim no more
      dry = true
      return
    }
    if (rows.length) {
      busyWait = args.busyWaitMs ?? 25
      return
    }
    if (slots.size) {
      // no room, some taken by this pump: claim again once one of ours is answered
      fullAt = answersBefore
      return
    }
    // other processes hold every slot: ask again, less and less often (up to twice a second)
    await sleep(busyWait)
    busyWait = Math.min(busyWait * 2, 500)
  }
  // outcomes still being written, as many as the platform's slots, hold back the claims: calls
  // answered faster than their outcomes are written would pile up without end, and a row whose
  // outcome waited past its lease would be claimed again
  const held = () => attempts.size - slots.size >= args.concurrency
  const wantsMore = () =>
    !held() &&
    !dry &&
    failure === null &&
    answers > fullAt &&
    (slots.size + waiting.length === 0 || room() - slots.size - waiting.length >= refill) &&
    !args.stop()
  const mayClaim = () => claiming === null && (wantsMore() || (stalled() && failure === null))
  for (;;) {
    if (mayClaim()) {
      claiming = claimRows()
        .catch((error) => {
          failure ??= error
        })
        .finally(() => {
          claiming = null
          notify()
        })
    }
    // what it waits for: a call answered, the claim, and (outcomes holding back the claims) an attempt's end
    waitsForAttempts = held() && !dry && failure === null && attempts.size > 0
    if (!slots.size && claiming === null && !waitsForAttempts) {
      break
    }
    // set in this same turn as the check above: whatever happens later wakes it
    await new Promise<void>((resolve) => (wake = resolve))
  }
  await Promise.all(attempts)
  if (failure !== null) {
    throw failure
  }
  return claimed
}
