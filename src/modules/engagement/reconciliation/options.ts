import { z } from "@medusajs/framework/zod"
import { durationSchema as duration } from "../../../provider-api/duration"

/** Reconciliation of orders whose engagement work an event lost (docs/delivery-guarantees.md). */
export const reconciliationOptionsSchema = z.object({
  window_days: z
    .number()
    .int()
    .min(1)
    .max(90)
    .default(7)
    .describe("orders (and their cancellations, returns) of this many days back are checked for missing work"),
  grace_ms: duration
    .default(5 * 60_000)
    .describe("an order younger than this is left to its subscribers (they may still be running)"),
  batch_size: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(100)
    .describe("orders (or returns) one page of a reconciliation run checks; a run checks a few pages at most"),
})

export type ReconciliationOptions = z.infer<typeof reconciliationOptionsSchema>
