import { z } from "@medusajs/framework/zod"
import { headerViolations, RecordedRequest, StandIn, StandInRoute, zodViolations } from "./stand-in"

const cents = z.number().int("an integer number of cents")

const cartItemSchema = z
  .object({
    product_id: z.string().min(1),
    name: z.string().optional(),
    price: cents.optional(),
    description: z.string().optional(),
    category: z.array(z.string()).optional(),
    item_qty: z.number().int().optional(),
    qty_price: cents.optional(),
    product_url: z.string().optional(),
    image_url: z.string().optional(),
  })
  .catchall(z.string())

export const rejoinerConvertSchema = z
  .object({
    email: z.string().email(),
    cart_data: z
      .object({
        cart_value: cents.optional(),
        cart_item_count: z.number().int().optional(),
        promo: z.string().optional(),
        order_number: z.string().optional(),
        return_url: z.string().optional(),
      })
      .catchall(z.string())
      .optional(),
    cart_items: z.array(cartItemSchema).optional(),
  })
  .strict()

const emailOnly = z.object({ email: z.string().email() }).strict()
const optIn = z.object({ email: z.string().email() }).catchall(z.string())

const customerSchema = z
  .object({
    email: z.string().email(),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
    phone: z.string().optional(),
    timezone: z.string().optional(),
    age: z.number().optional(),
    gender: z.enum(["m", "f"]).optional(),
    language: z.string().max(2).optional(),
    address1: z.string().optional(),
    address2: z.string().optional(),
    address3: z.string().optional(),
    city: z.string().optional(),
    state: z.string().optional(),
    postal_code: z.string().optional(),
    country: z.string().optional(),
    birthdate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD")
      .optional(),
    tags: z.array(z.string()).optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()

/**
 * Rejoiner REST API v1 (Rejoiner's REST API v1). The stand-in's base URL plays `{REJOINER_API_URL}`
 * (`.../api/v1/{SITE_ID}`); every call must carry `Authorization: Rejoiner {key}`.
 */
export function createRejoinerStandIn(config: { apiKey: string; siteId?: string }): StandIn {
  const auth = { Authorization: `Rejoiner ${config.apiKey}` }
  const jsonHeaders = { ...auth, "Content-Type": /^application\/json/ }
  const post = (name: string, path: RegExp, schema: z.ZodType, respond?: StandInRoute["respond"]): StandInRoute => ({
    name,
    method: "POST",
    path,
    check: (request: RecordedRequest) => [
      ...headerViolations(request.headers, jsonHeaders),
      ...zodViolations(schema, request.body),
    ],
    respond: respond ?? (() => ({ status: 200, body: { status: "ok" } })),
  })
  return new StandIn(
    "rejoiner",
    [
      post("convert", /^\/customer\/convert\/$/, rejoinerConvertSchema),
      post("cancel", /^\/customer\/cancel\/$/, emailOnly),
      post("unsubscribe", /^\/customer\/unsubscribe\/$/, emailOnly),
      post("opt_in", /^\/customer\/opt_in\/$/, optIn),
      post("create_customer", /^\/customers\/$/, customerSchema, (request, standIn) => {
        const body = request.body as { email: string }
        standIn.state.customers ??= {}
        standIn.state.customers[body.email] = { id: `rj_${Object.keys(standIn.state.customers).length + 1}`, ...body }
        return { status: 201, body: standIn.state.customers[body.email] }
      }),
      {
        name: "update_customer",
        method: "PUT",
        path: /^\/customers\/(?<key>[^/]+)\/$/,
        check: (request) => [
          ...headerViolations(request.headers, jsonHeaders),
          ...zodViolations(customerSchema, request.body),
        ],
        respond: (request, standIn) => {
          const customers = (standIn.state.customers ??= {})
          const existing = customers[request.params.key]
          if (!existing) {
            return { status: 404, body: { message: "customer not found" } }
          }
          // metadata replaces the whole object, as the API says
          customers[request.params.key] = { ...existing, ...(request.body as object) }
          return { status: 200, body: customers[request.params.key] }
        },
      },
      {
        name: "get_customer",
        method: "GET",
        path: /^\/customers\/(?<key>[^/]+)\/$/,
        check: (request) => headerViolations(request.headers, auth),
        respond: (request, standIn) => {
          const customer = standIn.state.customers?.[request.params.key]
          return customer ? { status: 200, body: customer } : { status: 404, body: { message: "customer not found" } }
        },
      },
    ],
    `/api/v1/${config.siteId ?? "site123"}`
  )
}
