import { createServer, IncomingMessage, Server } from "node:http"
import path from "node:path"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import type EngagementModuleService from "../../../src/modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../src/provider-api/provider"

jest.setTimeout(120_000)

/** The third-party platform: a local HTTP server that answers what it is told to, keeping each request. */
const received: { method: string; url: string; headers: IncomingMessage["headers"]; body: unknown }[] = []
const answers: number[] = []
let server: Server
const port = 4390 + (process.pid % 100)

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = ""
    request.on("data", (chunk) => (body += chunk))
    request.on("end", () => {
      received.push({
        method: request.method!,
        url: request.url!,
        headers: request.headers,
        body: JSON.parse(body || "null"),
      })
      const status = answers.shift() ?? 201
      response.writeHead(status, { "Content-Type": "application/json" })
      response.end(JSON.stringify(status < 300 ? { id: `conv_${received.length}` } : { error: "try later" }))
    })
  })
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve))
})

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

moduleIntegrationTestRunner<EngagementModuleService>({
  moduleName: ENGAGEMENT_MODULE,
  resolve: path.join(__dirname, "../../../src/modules/engagement"),
  pathToMigrations: path.join(__dirname, "../../../src/modules/engagement/migrations"),
  // the store's options alone register the platform: the plugin has no line of code for it
  moduleOptions: {
    consents: { link_secret: "example-provider-test-secret-0123456789abcdefghij" },
    outbox: { base_delay_ms: 0, max_delay_ms: 0 },
    providers: [
      {
        resolve: path.join(__dirname, "../../example-provider"),
        options: { api_url: `http://127.0.0.1:${port}/v1`, api_key: "example-key", timeout_ms: 2000 },
      },
    ],
  },
  testSuite: ({ service }) => {
    beforeEach(() => {
      received.length = 0
      answers.length = 0
    })

    it("offers the provider's capabilities and nothing it did not declare", () => {
      expect(service.listProviders()).toEqual([
        // it declares no operation labels: the admin shows its operations by their ids
        { id: "example-crm", name: "Example CRM", operations: ["record_conversion"], operation_labels: {} },
      ])
      expect(service.providersWith("cart_conversions").map(({ id }) => id)).toEqual(["example-crm"])
      expect(service.providersWith("review_requests")).toEqual([])
      expect(service.contactSyncPlatforms()).toEqual([])
    })

    it("receives a cart conversion through the outbox, once, retried after a passing fault", async () => {
      const [platform] = service.providersWith("cart_conversions")
      const order = {
        id: "order_example_1",
        email: "ada@example.com",
        customer_id: "cus_1",
        currency_code: "eur",
        total: 4200,
      }
      const delivery = {
        ...platform.capability.build(order, service.getOptions().storefront),
        origin: "cart_conversion" as const,
      }
      const [first] = await service.enqueueDeliveries([delivery])
      const [again] = await service.enqueueDeliveries([delivery])
      expect([first.created, again.created, again.delivery.id]).toEqual([true, false, first.delivery.id])

      answers.push(503)
      expect(await service.dispatchDueDeliveries()).toEqual(expect.objectContaining({ claimed: 1, retrying: 1 }))
      expect((await service.retrieveDelivery(first.delivery.id)).status).toBe("pending")

      expect(await service.dispatchDueDeliveries()).toEqual(expect.objectContaining({ claimed: 1, delivered: 1 }))
      const row = await service.retrieveDelivery(first.delivery.id)
      expect(row).toEqual(expect.objectContaining({ status: "delivered", attempts: 2, platform: "example-crm" }))
      expect(received).toHaveLength(2)
      expect(received[1]).toEqual({
        method: "POST",
        url: "/v1/conversions",
        headers: expect.objectContaining({
          authorization: "Bearer example-key",
          "idempotency-key": "conversion:order_example_1:example-crm",
        }),
        body: { order_id: "order_example_1", email: "ada@example.com", currency: "eur", total: 4200 },
      })

      // delivered is final: nothing more is sent
      expect(await service.dispatchDueDeliveries()).toEqual(expect.objectContaining({ claimed: 0 }))
      expect(received).toHaveLength(2)
    })
  },
})
