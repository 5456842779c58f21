import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import type { DeliveryRecord } from "../types"
import { OutcomeHandlers } from "./outcome-handlers"

const manager = {} as SqlEntityManager
const ended = (platform: string, operation: string) =>
  ({ id: `${platform}-${operation}`, platform, operation, status: "delivered" }) as DeliveryRecord

describe("OutcomeHandlers", () => {
  it("tells the handler of a delivery's platform and operation, and the platform's catch-all, nothing else", async () => {
    const heard: string[] = []
    const handlers = new OutcomeHandlers()
      .on("reviews", "schedule_request", async (_m, delivery) => void heard.push(`review:${delivery.id}`))
      .on("contacts", "*", async (_m, delivery) => void heard.push(`sync:${delivery.id}`))

    await handlers.apply(manager, ended("reviews", "schedule_request"), { kind: "delivered" })
    await handlers.apply(manager, ended("reviews", "other_call"), { kind: "delivered" })
    await handlers.apply(manager, ended("contacts", "upsert"), { kind: "delivered" })
    await handlers.apply(manager, ended("unknown", "schedule_request"), { kind: "delivered" })

    expect(heard).toEqual(["review:reviews-schedule_request", "sync:contacts-upsert"])
  })
})
