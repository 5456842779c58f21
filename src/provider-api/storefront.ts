import { z } from "@medusajs/framework/zod"

/** Where the storefront's pages are: the links a provider puts in what it sends (the module's `storefront` option). */
export const storefrontOptionsSchema = z.object({
  product_url: z
    .string()
    .default("http://localhost:8000/products/{handle}")
    .describe("product links in conversions and emails; `{handle}` and `{id}` are replaced"),
  order_url: z
    .string()
    .default("http://localhost:8000/account/orders/details/{order_id}")
    .describe(
      "where a shopper goes back to an order (a conversion's `return_url`); `{order_id}` and `{display_id}` are replaced"
    ),
})

export type StorefrontOptions = z.infer<typeof storefrontOptionsSchema>
