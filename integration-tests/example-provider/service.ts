import { z } from "@medusajs/framework/zod"
import {
  AbstractEngagementProvider,
  classifyHttpAnswer,
  commonPlatformOptionsSchema,
  EngagementCapabilities,
  EngagementPlatform,
  joinUrl,
  parsePlatformOptions,
} from "../../src/provider-api"

// a store's package imports these from "medusa-plugin-engagement/provider-api"

const optionsSchema = commonPlatformOptionsSchema.extend({
  api_url: z.string().url(),
  api_key: z.string().min(1),
})
type ExampleOptions = z.infer<typeof optionsSchema>

/** How the outbox sends this platform's calls: one operation, a JSON POST with a bearer key. */
const examplePlatform: EngagementPlatform<ExampleOptions> = {
  id: "example-crm",
  displayName: "Example CRM",
  optionsSchema,
  operations: ["record_conversion"],
  buildRequest: (message, options) => ({
    method: "POST",
    url: joinUrl(options.api_url, "/conversions"),
    headers: {
      "Content-Type": "application/json",
      Authorization: `Bearer ${options.api_key}`,
      "Idempotency-Key": message.idempotency_key,
    },
    body: message.payload,
  }),
  classifyResponse: (response) => classifyHttpAnswer(response),
}

/** A third-party platform: told about every placed order (the cart conversions capability). */
export class ExampleCrmProvider extends AbstractEngagementProvider<ExampleOptions> {
  static identifier = "example-crm"

  static validateOptions(options: Record<string, unknown>): void {
    parsePlatformOptions(examplePlatform, options)
  }

  constructor(cradle: Record<string, unknown>, options: unknown) {
    super(cradle, options, examplePlatform)
  }

  capabilities(): EngagementCapabilities {
    return {
      cart_conversions: {
        order_fields: ["id", "email", "customer_id", "currency_code", "total"],
        build: (order) => ({
          platform: this.id,
          operation: "record_conversion",
          idempotency_key: `conversion:${order.id}:${this.id}`,
          order_id: order.id,
          customer_id: order.customer_id ?? null,
          payload: {
            order_id: order.id,
            email: order.email,
            currency: order.currency_code,
            total: Number(order.total),
          },
        }),
      },
    }
  }
}
