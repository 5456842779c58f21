import { AsyncLocalStorage } from "node:async_hooks"
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

/**
 * With the in-memory event bus a subscriber runs in the process of the request whose workflow
 * emitted the event, and starts as soon as that workflow ends: before the route has answered. Work
 * that can wait (the order's engagement work after `POST /store/carts/:id/complete`) waits for the
 * answer instead, so it does not share the event loop and the connection pool with it. The request's
 * answer is known through the async context the event inherits; with the Redis event bus the work
 * runs in a worker, outside any request, and starts at once.
 */
const answers = new AsyncLocalStorage<Promise<void>>()

/** A middleware: what runs in this request's async context can wait for its answer (`afterTheAnswer`). */
export function letWorkWaitForTheAnswer(_req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  // "close" also when the client went away before the answer was written
  const answered = new Promise<void>((resolve) => {
    res.once("finish", resolve)
    res.once("close", resolve)
  })
  answers.run(answered, next)
}

/** Resolves once the request this runs for has been answered; at once outside a request. */
export async function afterTheAnswer(): Promise<void> {
  await answers.getStore()
}
