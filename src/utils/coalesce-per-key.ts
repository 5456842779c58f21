/**
 * Runs work for keys one run per key at a time in this process, folding what arrives meanwhile
 * into one more run. A burst of N events for one customer makes at most two runs here (the one
 * in progress and one after it), instead of N runs queueing for the same lock: under load the
 * queue outgrew the lock's wait and changes were dropped with a conflict. A run that starts after
 * a change reads the state after it, so folding loses nothing.
 */
export function coalescePerKey(run: (keys: string[]) => Promise<void>): (keys: string[]) => Promise<void> {
  // key → whether another change arrived while its run was in progress
  const inProgress = new Map<string, boolean>()
  return async (keys: string[]) => {
    const mine = [...new Set(keys)].filter((key) => {
      if (inProgress.has(key)) {
        inProgress.set(key, true)
        return false
      }
      inProgress.set(key, false)
      return true
    })
    try {
      let batch = mine
      while (batch.length) {
        await run(batch)
        batch = batch.filter((key) => inProgress.get(key))
        for (const key of batch) {
          inProgress.set(key, false)
        }
      }
    } finally {
      for (const key of mine) {
        inProgress.delete(key)
      }
    }
  }
}
