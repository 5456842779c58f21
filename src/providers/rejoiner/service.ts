import { AbstractEngagementProvider, parsePlatformOptions } from "../../provider-api/provider"
import type { EngagementCapabilities } from "../../provider-api/capabilities"
import { buildRejoinerConversion, ConvertOrder } from "./convert"
import { CONVERSION_ORDER_FIELDS } from "./conversion-fields"
import { rejoinerErasure } from "./erasure"
import { RejoinerOptions } from "./options"
import { REJOINER, RejoinerOperations, rejoinerPlatform } from "./platform"

/** Rejoiner as an engagement provider: cart conversions, journeys and a profile per contact. */
export class RejoinerProvider extends AbstractEngagementProvider<RejoinerOptions> {
  static identifier = REJOINER

  static validateOptions(options: Record<string, unknown>): void {
    parsePlatformOptions(rejoinerPlatform, options)
  }

  constructor(cradle: Record<string, unknown>, options: unknown) {
    super(cradle, options, rejoinerPlatform)
  }

  capabilities(): EngagementCapabilities {
    return {
      contact_copies: true,
      cart_conversions: {
        order_fields: CONVERSION_ORDER_FIELDS,
        build: (order, storefront) => ({
          platform: this.id,
          operation: RejoinerOperations.Convert,
          idempotency_key: `conversion:${order.id}:${this.id}`,
          order_id: order.id,
          customer_id: order.customer_id ?? null,
          payload: buildRejoinerConversion(order as ConvertOrder, this.options.conversions, storefront),
        }),
      },
      journeys: {
        cancel_on_order_cancel: this.options.cancel_journeys_on_order_cancel,
        buildCancellation: (entry) => ({
          platform: this.id,
          operation: RejoinerOperations.Cancel,
          payload: { email: entry.email },
          idempotency_key: `journey-cancel:${this.id}:${entry.cause}`,
          customer_id: entry.customer_id ?? null,
          order_id: entry.order_id ?? null,
        }),
      },
      erasure: rejoinerErasure(this.id),
    }
  }
}
