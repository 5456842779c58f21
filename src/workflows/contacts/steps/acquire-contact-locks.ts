import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { randomUUID } from "node:crypto"
import { setTimeout as sleep } from "node:timers/promises"

export const acquireContactLocksStepId = "acquire-contact-locks"

/** How long a writer waits for another writer of the same contact, and how long a lock outlives a crash. */
const WAIT_MS = 30_000
const EXPIRE_SECONDS = 120

export interface ContactLocks {
  keys: string[]
  owner_id: string
}

/**
 * Takes every key at once or none: a writer that cannot have them all lets go of the ones it got
 * and tries again, so it never holds one key while waiting for another (no deadlock between
 * writers whose keys overlap). Compensation releases the keys. Unlike core's acquire-lock step it
 * also runs inside a parent workflow, and it owns its keys, so a partial take is released.
 */
export const acquireContactLocksStep = createStep(
  acquireContactLocksStepId,
  async (input: { keys: string[] }, { container }) => {
    const locking = container.resolve(Modules.LOCKING)
    const locks: ContactLocks = { keys: [...new Set(input.keys)].sort(), owner_id: `contact-write:${randomUUID()}` }
    if (!locks.keys.length) {
      return new StepResponse(locks, locks)
    }
    const until = Date.now() + WAIT_MS
    for (;;) {
      const held: string[] = []
      try {
        for (const key of locks.keys) {
          await locking.acquire(key, { ownerId: locks.owner_id, expire: EXPIRE_SECONDS })
          held.push(key)
        }
        return new StepResponse(locks, locks)
      } catch {
        if (held.length) {
          await locking.release(held, { ownerId: locks.owner_id })
        }
      }
      if (Date.now() >= until) {
        throw new MedusaError(
          MedusaError.Types.CONFLICT,
          "Another change of this contact is still in progress; try again"
        )
      }
      await sleep(20 + Math.floor(Math.random() * 60))
    }
  },
  async (locks, { container }) => {
    if (!locks?.keys.length) {
      return
    }
    await container.resolve(Modules.LOCKING).release(locks.keys, { ownerId: locks.owner_id })
  }
)
