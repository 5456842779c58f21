import type { MedusaResponse } from "@medusajs/framework/http"
import type { ErrorAnswer } from "../../utils/answered-error"

/**
 * What a route handler may hand to `res.json` for a response type of `src/types/store.ts`: the
 * same shape, except that a date may still be a `Date` (JSON turns it into the ISO string the
 * storefront type says). Handlers type their response as `MedusaResponse<Sent<…>>`, so a field
 * renamed, dropped or changed in type on either side fails the type-check.
 */
export type Sent<T> = T extends string
  ? T | Date
  : T extends (infer Item)[]
    ? Sent<Item>[]
    : T extends object
      ? { [Key in keyof T]: Sent<T[Key]> }
      : T

/** The body of an error a route answers itself (Medusa's error handler answers the same shape). */
export type SentError = { type: string; message: string; code?: string }

/** Answers an error a route answers itself, with its headers (a 424's `Retry-After`). */
export function sendErrorAnswer<Body>(res: MedusaResponse<Body | SentError>, answer: ErrorAnswer): void {
  for (const [name, value] of Object.entries(answer.headers ?? {})) {
    res.setHeader(name, value)
  }
  res.status(answer.status).json(answer.body)
}
