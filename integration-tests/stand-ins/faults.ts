/** How the stand-in answers the next calls when told to fail. */
export type FailureMode =
  /** answer this status, after `delay_ms` when given (a slow answer to one call only) */
  | { kind: "status"; status: number; body?: unknown; headers?: Record<string, string>; delay_ms?: number }
  /** accept the call and never answer, so the caller's timeout fires */
  | { kind: "timeout" }
  /** drop the connection without an answer */
  | { kind: "reset" }

/**
 * Which calls a stand-in fails, and how: the next calls (queued), the next calls to one route, and
 * every n-th call. Asked once per call, in that order.
 */
export class FaultPlan {
  private readonly queued: FailureMode[] = []
  private readonly byRoute = new Map<string, FailureMode[]>()
  private periodic: { every: number; mode: FailureMode; seen: number } | null = null

  /** The next `count` calls fail in `mode`. */
  failNext(count: number, mode: FailureMode): void {
    for (let i = 0; i < count; i++) {
      this.queued.push(mode)
    }
  }

  /** The next `count` calls to `route` (by name) fail in `mode`. */
  failNextOn(route: string, count: number, mode: FailureMode): void {
    const queued = this.byRoute.get(route) ?? []
    for (let i = 0; i < count; i++) {
      queued.push(mode)
    }
    this.byRoute.set(route, queued)
  }

  /** Every `every`-th call fails in `mode` (2: half the calls), after the queued failures. */
  failEvery(every: number, mode: FailureMode): void {
    this.periodic = { every, mode, seen: 0 }
  }

  /** How this call (to `route`, when it matched one) fails; undefined when it is answered normally. */
  next(route: string | undefined): FailureMode | undefined {
    return (
      this.queued.shift() ??
      (route ? this.byRoute.get(route)?.shift() : undefined) ??
      (this.periodic && ++this.periodic.seen % this.periodic.every === 0 ? this.periodic.mode : undefined)
    )
  }

  reset(): void {
    this.queued.length = 0
    this.byRoute.clear()
    this.periodic = null
  }
}
