/**
 * What the plugin's subscribers are running in this process (every one is wrapped by
 * `withLoggableErrors`; the jobs are not counted), so whoever must not cut it short can wait for
 * it: a test that resets the store between tests, where an order's work still running would land
 * in the next test's data.
 * Kept on `globalThis` under a registered symbol, so a second copy of this file (a test's module
 * registry beside Medusa's loader) sees the same work.
 */
const KEY = Symbol.for("medusa-plugin-engagement.work-in-flight")

type Registry = { [KEY]?: Set<Promise<unknown>> }

function inFlight(): Set<Promise<unknown>> {
  const registry = globalThis as Registry
  registry[KEY] ??= new Set()
  return registry[KEY]
}

/** Counts `work` as in flight until it settles; returns it unchanged. */
export function trackWork<T>(work: Promise<T>): Promise<T> {
  const running = inFlight()
  running.add(work)
  const done = () => running.delete(work)
  work.then(done, done)
  return work
}

/**
 * Resolves once nothing the plugin's handlers started is running, work that started while it
 * waited included (an order's work emits events whose subscribers start after it), or with `false`
 * when `timeoutMs` passed first. Failures count as settled: they are the handlers' own to report.
 */
export async function workSettled(timeoutMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  const running = inFlight()
  for (;;) {
    // a handler an event released just now starts on a later turn of the event loop
    await new Promise((resolve) => setImmediate(resolve))
    if (!running.size) {
      return true
    }
    const left = deadline - Date.now()
    if (left <= 0) {
      return false
    }
    let timer: NodeJS.Timeout | undefined
    await Promise.race([
      Promise.allSettled([...running]),
      new Promise((resolve) => {
        timer = setTimeout(resolve, left)
      }),
    ])
    clearTimeout(timer)
  }
}
