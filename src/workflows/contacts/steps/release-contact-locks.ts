import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { ContactLocks } from "./acquire-contact-locks"

export const releaseContactLocksStepId = "release-contact-locks"

/** Releases the keys acquire-contact-locks took. Nothing to undo: a failed workflow's compensation releases them. */
export const releaseContactLocksStep = createStep(
  releaseContactLocksStepId,
  async (locks: ContactLocks, { container }) => {
    const released = locks.keys.length
      ? await container.resolve(Modules.LOCKING).release(locks.keys, { ownerId: locks.owner_id })
      : true
    return new StepResponse(released)
  }
)
