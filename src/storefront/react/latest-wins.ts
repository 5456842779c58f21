/**
 * Writes of one thing (a cart's metadata) one at a time, the newest winning: a write waits for the
 * one before it, and is skipped when a newer one was asked for meanwhile, so the last choice is
 * always the one written and two never overlap. Medusa locks a cart for each update and answers a
 * second update meanwhile with an error, so two boxes ticked in quick succession would otherwise
 * lose one of them.
 */
export function latestWins() {
  let chain: Promise<unknown> = Promise.resolve()
  let newest = 0
  return <T>(write: () => Promise<T>): Promise<T | undefined> => {
    const ticket = ++newest
    const turn = chain.then(() => (ticket === newest ? write() : undefined))
    // a failed write does not stop the ones after it; its caller still sees the failure
    chain = turn.catch(() => undefined)
    return turn
  }
}
