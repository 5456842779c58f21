import type { DeliveryRecord } from "../types"
import type { EnabledPlatform } from "../../../provider-api/types"
import { attemptDelivery, AttemptOutcome } from "./send"
import { Semaphore } from "./semaphore"

/**
 * This process's way out to the platforms: one HTTP attempt at a time within each platform's
 * `concurrency`, and a pause of the whole platform when it answered 429 (per process; the outbox
 * rows themselves are postponed in the database by the dispatcher).
 */
export class PlatformTransport {
  protected readonly limiters_ = new Map<string, Semaphore>()
  // platform -> until when this process sends it nothing (a 429 asked us to slow down)
  protected readonly pausedUntil_ = new Map<string, number>()

  constructor(platforms: Iterable<EnabledPlatform>) {
    for (const { id, options } of platforms) {
      this.limiters_.set(id, new Semaphore(options.concurrency))
    }
  }

  /** One attempt of a claimed row: the request, the HTTP call with its timeout, the answer's meaning. */
  async send(enabled: EnabledPlatform, delivery: DeliveryRecord): Promise<AttemptOutcome> {
    return await this.limiters_.get(enabled.id)!.run(() => attemptDelivery(enabled.platform, enabled.options, delivery))
  }

  /** Sends the platform nothing from this process for this long (a 429's `Retry-After`). */
  pause(platformId: string, ms: number): void {
    this.pausedUntil_.set(platformId, Math.max(this.pausedUntil_.get(platformId) ?? 0, Date.now() + ms))
  }

  isPaused(platformId: string): boolean {
    return (this.pausedUntil_.get(platformId) ?? 0) > Date.now()
  }
}
