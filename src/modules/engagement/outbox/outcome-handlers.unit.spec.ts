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
})
