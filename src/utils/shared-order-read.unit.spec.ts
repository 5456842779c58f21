import type { MedusaContainer } from "@medusajs/framework/types"
import { forgetOrderRead, readOrder, readOrders, shareOrderRead, sharedOrderReadCount } from "./shared-order-read"

type Graph = { entity: string; fields: string[]; filters: { id: string | string[] } }

/** A container whose query answers from `orders` and records each read. */
function containerWith(orders: Record<string, Record<string, unknown>>) {
  const reads: Graph[] = []
  const container = {
    resolve: () => ({
      graph: async (args: Graph) => {
        reads.push(args)
        const ids = Array.isArray(args.filters.id) ? args.filters.id : [args.filters.id]
        return { data: ids.filter((id) => orders[id]).map((id) => ({ ...orders[id] })) }
      },
    }),
  } as unknown as MedusaContainer
  return { container, reads }
}

describe("one read of a placed order shared by its parts", () => {
  const orders = { order_1: { id: "order_1", email: "ada@example.com" }, order_2: { id: "order_2" } }

  it("reads the order once with every field, and hands the same order to each part that asks for fewer", async () => {
    const { container, reads } = containerWith(orders)
    const token = await shareOrderRead(container, "order_1", ["id", "email", "id", "items.*"])
    expect(reads).toEqual([{ entity: "order", fields: ["id", "email", "items.*"], filters: { id: "order_1" } }])
    const first = await readOrder(container, "order_1", ["id", "email"], token)
    const second = await readOrders(container, ["order_1"], ["items.*"], token)
    expect(first).toEqual(orders.order_1)
    expect(second).toEqual([first])
    expect(second[0]).toBe(first)
    expect(reads).toHaveLength(1)
    forgetOrderRead(token)
  })

  it("reads for itself a part asking for a field the read did not hold, another order, several orders or no token", async () => {
    const { container, reads } = containerWith(orders)
    const token = await shareOrderRead(container, "order_1", ["id"])
    await readOrder(container, "order_1", ["id", "email"], token)
    await readOrder(container, "order_2", ["id"], token)
    await readOrders(container, ["order_1", "order_2"], ["id"], token)
    await readOrder(container, "order_1", ["id"])
    await readOrder(container, "order_1", ["id"], "not-a-token")
    expect(reads.slice(1).map((read) => [read.fields, read.filters.id])).toEqual([
      [["id", "email"], "order_1"],
      [["id"], "order_2"],
      [["id"], ["order_1", "order_2"]],
      [["id"], "order_1"],
      [["id"], "order_1"],
    ])
    forgetOrderRead(token)
  })

  it("shares that the order is not there, and reads nothing for no fields", async () => {
    const { container, reads } = containerWith(orders)
    expect(await shareOrderRead(container, "order_1", [])).toBeNull()
    const token = await shareOrderRead(container, "order_gone", ["id"])
    expect(await readOrder(container, "order_gone", ["id"], token)).toBeUndefined()
    expect(await readOrders(container, ["order_gone"], ["id"], token)).toEqual([])
    expect(reads).toHaveLength(1)
    forgetOrderRead(token)
  })

  it("drops the read when the run ends, or a minute after it was made", async () => {
    const { container, reads } = containerWith(orders)
    const before = sharedOrderReadCount()
    const ended = await shareOrderRead(container, "order_1", ["id"])
    forgetOrderRead(ended)
    expect(sharedOrderReadCount()).toBe(before)
    await readOrder(container, "order_1", ["id"], ended)
    expect(reads).toHaveLength(2)

    const now = Date.now()
    const clock = jest.spyOn(Date, "now").mockReturnValue(now)
    try {
      const abandoned = await shareOrderRead(container, "order_1", ["id"])
      expect(sharedOrderReadCount()).toBe(before + 1)
      clock.mockReturnValue(now + 59_999)
      await readOrder(container, "order_1", ["id"], abandoned)
      expect(reads).toHaveLength(3)
      clock.mockReturnValue(now + 60_000)
      await readOrder(container, "order_1", ["id"], abandoned)
      expect(reads).toHaveLength(4)
      expect(sharedOrderReadCount()).toBe(before)
    } finally {
      clock.mockRestore()
    }
  })
})

/** A container whose query answers the order with its lines in the order given. */
function containerAnswering(order: Record<string, unknown>) {
  const graph = jest.fn(async () => ({ data: [structuredClone(order)] }))
  const container = { resolve: () => ({ graph }) } as unknown as MedusaContainer
  return { container, graph }
}

const ORDER = {
  id: "order_1",
  items: [
    { id: "ordli_03", title: "Ink" },
    { id: "ordli_01", title: "Pen" },
    { id: "ordli_02", title: "Paper" },
  ],
}

describe("an order read by the plugin, its lines in one order every time", () => {
  it("has its lines by id, however the read returned them", async () => {
    const { container } = containerAnswering(ORDER)
    const order = await readOrder(container, "order_1", ["id", "items.id", "items.title"])
    expect(order?.items.map((item: { title: string }) => item.title)).toEqual(["Pen", "Paper", "Ink"])
  })

  it("has them so from the read a placed order's parts share, read once", async () => {
    const { container, graph } = containerAnswering(ORDER)
    const token = await shareOrderRead(container, "order_1", ["id", "items.id", "items.title"])
    const order = await readOrder(container, "order_1", ["items.title"], token)
    expect(graph).toHaveBeenCalledTimes(1)
    expect(order?.items.map((item: { id: string }) => item.id)).toEqual(["ordli_01", "ordli_02", "ordli_03"])
    forgetOrderRead(token)
  })

  it("keeps lines read without their ids as they came", async () => {
    const { container } = containerAnswering({ id: "order_1", items: [{ title: "Ink" }, { title: "Pen" }] })
    const order = await readOrder(container, "order_1", ["id", "items.title"])
    expect(order?.items).toEqual([{ title: "Ink" }, { title: "Pen" }])
  })
})
