import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"

/**
 * Answers a conflict a workflow reported (MedusaError CONFLICT) with a 409 that keeps its message,
 * and says whether it did. Medusa's error handler replaces every CONFLICT message with a generic
 * idempotency hint, which would hide which field conflicts with which contact.
 */
export function answerConflict(res: MedusaResponse, error: unknown): boolean {
  if ((error as MedusaError | undefined)?.type !== MedusaError.Types.CONFLICT) {
    return false
  }
  res.status(409).json({ type: MedusaError.Types.CONFLICT, message: (error as Error).message })
  return true
}
