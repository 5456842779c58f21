import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import type { DeliveryOrigin } from "../../../provider-api/types"
import type { DeliveryRecord } from "../types"
import { OutcomeHandlers } from "./outcome-handlers"

const manager = {} as SqlEntityManager
const ended = (platform: string, origin: DeliveryOrigin, operation: string) =>
  ({ id: `${platform}-${origin}-${operation}`, platform, origin, operation, status: "delivered" }) as DeliveryRecord

describe("OutcomeHandlers", () => {
  it("tells the handlers of a delivery's platform and origin, of its operation or of any, nothing else", async () => {
    const heard: string[] = []
    const handlers = new OutcomeHandlers()
      .on({ platform: "reviews", origin: "review_request", operation: "schedule_request" }, async (_m, delivery) => {
        heard.push(`review:${delivery.id}`)
      })
      .on(
        { platform: "contacts", origin: "contact_sync" },
        async (_m, delivery) => void heard.push(`sync:${delivery.id}`)
      )

    await handlers.apply(manager, ended("reviews", "review_request", "schedule_request"), { kind: "delivered" })
    await handlers.apply(manager, ended("reviews", "review_request", "other_call"), { kind: "delivered" })
    await handlers.apply(manager, ended("contacts", "contact_sync", "upsert"), { kind: "delivered" })
    // the same operation made by another capability (an erasure's stop call) is not the sync's
    await handlers.apply(manager, ended("contacts", "erasure", "upsert"), { kind: "delivered" })
    await handlers.apply(manager, ended("unknown", "review_request", "schedule_request"), { kind: "delivered" })

    expect(heard).toEqual(["review:reviews-review_request-schedule_request", "sync:contacts-contact_sync-upsert"])
  })

  it("tells a batch handler once of all its deliveries ended together, and the others row by row", async () => {
    const heard: string[] = []
    const handlers = new OutcomeHandlers()
      .onAll({ platform: "reviews", origin: "review_request" }, async (_m, rows, outcomes) => {
        heard.push(`reviews:${rows.map((row, index) => `${row.operation}=${outcomes[index].kind}`).join(",")}`)
      })
      .on({ platform: "contacts", origin: "contact_sync" }, async (_m, row) => void heard.push(`sync:${row.operation}`))
    await handlers.applyAll(manager, [
      { ended: ended("reviews", "review_request", "a"), outcome: { kind: "delivered" } },
      { ended: ended("contacts", "contact_sync", "b"), outcome: { kind: "delivered" } },
      { ended: ended("reviews", "review_request", "c"), outcome: { kind: "failed", reason: "refused" } },
      { ended: ended("contacts", "contact_sync", "d"), outcome: { kind: "delivered" } },
    ])
    // each row with its own answer (a contact's sync reads the credentials a delivered call returned)
    expect(heard).toEqual(["sync:b", "sync:d", "reviews:a=delivered,c=failed"])
  })
})
