import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import type { CommonPlatformOptions } from "../../../provider-api/types"
import type { OutboxOptions } from "../options"
import type { DeliveryRecord } from "../types"
import { claimWithinLimit } from "./claim"
import { claimRoom, mayStillAttempt } from "./claim-limit"
import { pump } from "./pump"

export interface PlatformPumpArgs {
  manager: SqlEntityManager
  platformId: string
  options: Pick<CommonPlatformOptions, "concurrency" | "timeout_ms">
  outbox: Pick<OutboxOptions, "batch_size" | "lease_ms">
  /** only these rows (the prompt attempt after enqueuing) */
  ids?: string[]
  /** one attempt, which records its outcome; `answered` once the platform has answered */
  attempt(delivery: DeliveryRecord, answered: () => void): Promise<void>
  /** hands back rows claimed and never attempted */
  release(rows: DeliveryRecord[]): Promise<void>
  stop(): boolean
}

/**
 * Sends one platform's due rows with the pump (pump.ts), claiming with `claim.ts` and holding a
 * round of rows ahead where the lease allows it (claim-limit.ts). Returns how many rows it claimed.
 */
export async function pumpPlatform(args: PlatformPumpArgs): Promise<number> {
  const { manager, platformId, options, outbox } = args
  // every row this dispatch holds of the platform (in flight, waiting for a slot, or answered with
  // its outcome being written; the table's other `sending` rows are other processes' calls), with
  // when the claim that took it answered, on this process's clock
  const held = new Map<string, number>()
  const { rounds, limit } = claimRoom(outbox, options)
  return await pump<DeliveryRecord>({
    concurrency: options.concurrency,
    rounds,
    // with rows held ahead, a claim once half of them have gone (the other half keeps the slots busy
    // through its round trip); else as soon as a slot is free
    refill: Math.ceil((options.concurrency * (rounds - 1)) / 2) || 1,
    claim: async (count, busy) => {
      const claim = await claimWithinLimit(manager, {
        platform: platformId,
        limit: Math.min(count, limit),
        concurrency: options.concurrency,
        rounds,
        busy,
        leaseMs: outbox.lease_ms,
        ids: args.ids,
        held: [...held.keys()],
      })
      // the lease began a little before the claim answered; the check before a held row's attempt
      // leaves it the whole of an attempt (both requests' timeouts), so this moment is close enough
      const claimedAt = Date.now()
      claim.rows.forEach((row) => held.set(row.id, claimedAt))
      return claim
    },
    attempt: async (delivery, answered) => {
      try {
        if (!mayStillAttempt(held.get(delivery.id)!, Date.now(), outbox, options)) {
          // it waited for a slot (other processes took them) until its lease could end mid-call
          answered()
          await args.release([delivery])
          return
        }
        await args.attempt(delivery, answered)
      } finally {
        held.delete(delivery.id)
      }
    },
    stop: args.stop,
  })
}
