/**
 * The outbox bench's deliveries, as a store makes them: conversions, review requests (their review
 * request waits on the outcome), contacts' syncs (the contact's sync waits on it) and an erasure's
 * stop calls (redacted once delivered). Seeded straight into the tables, with what waits on them.
 */
import type { Knex } from "knex"
import { parsePlatformOptions } from "../../src/provider-api/provider"
import type {
  EngagementPlatform,
  CommonPlatformOptions,
  OutboundMessage,
  PlatformRequest,
} from "../../src/provider-api/types"
import { httpExchange } from "../../src/modules/engagement/outbox/http-exchange"
import { expertSenderPlatform } from "../../src/providers/expertsender/platform"
import { recensusPlatform } from "../../src/providers/recensus/platform"
import { rejoinerPlatform } from "../../src/providers/rejoiner/platform"
import {
  EXPERTSENDER_TEST_CONFIG,
  RECENSUS_TEST_CONFIG,
  REJOINER_TEST_CONFIG,
} from "../../integration-tests/helpers/stand-ins"
import { BENCH_PLATFORMS, type BenchPlatform } from "./stand-in-process"

export interface DeliveryKind {
  platform: BenchPlatform
  origin: string
  operation: string
  /** the payload of the n-th row, as SQL over `g` (the row's number) */
  payload: string
}

const EMAIL = `'shopper' || g || '@example.com'`

export const KINDS = {
  conversion: {
    platform: "rejoiner",
    origin: "cart_conversion",
    operation: "convert",
    payload: `jsonb_build_object('email', ${EMAIL}, 'cart_data', jsonb_build_object('cart_value', 4990 + g % 100, 'order_number', 'order_' || g))`,
  },
  review_request: {
    platform: "recensus",
    origin: "review_request",
    operation: "customer_contact_request",
    payload: `jsonb_build_object('data', jsonb_build_object('customerFirstName', 'Ada', 'customerLastName', 'Shopper', 'customerEmail', ${EMAIL},
      'purchaseDate', '2026-12-01T10:00:00+00:00', 'purchases', jsonb_build_array(jsonb_build_object('quantity', '1', 'gtin', '0001234567890',
      'mpn', '', 'brand', '', 'lang', 'en', 'title', 'Mug', 'type', 'P'))))`,
  },
  contact_sync: {
    platform: "rejoiner",
    origin: "contact_sync",
    operation: "create_customer",
    payload: `jsonb_build_object('email', ${EMAIL}, 'first_name', 'Ada', 'last_name', 'Shopper')`,
  },
  erasure_stop: {
    platform: "rejoiner",
    origin: "erasure",
    operation: "cancel",
    payload: `jsonb_build_object('email', ${EMAIL})`,
  },
  contact_upsert: {
    platform: "expertsender",
    origin: "contact_sync",
    operation: "upsert_customers",
    payload: `jsonb_build_object('mode', 'AddOrUpdate', 'matchBy', 'Email', 'data', jsonb_build_array(jsonb_build_object('email', ${EMAIL})))`,
  },
} satisfies Record<string, DeliveryKind>
export type KindName = keyof typeof KINDS

/** A store's week, roughly: an order makes a conversion, a review request and a contact's sync; a few erasures. */
export const REALISTIC_MIX: [KindName, number][] = [
  ["conversion", 0.3],
  ["review_request", 0.3],
  ["contact_sync", 0.3],
  ["erasure_stop", 0.1],
]

/** The providers' options, pointed at the stand-ins. */
export function providerOptions(urls: Record<BenchPlatform, string>, concurrency: number) {
  const common = { concurrency, timeout_ms: 5000 }
  return {
    rejoiner: { ...common, api_url: urls.rejoiner, api_key: REJOINER_TEST_CONFIG.apiKey },
    recensus: {
      ...common,
      api_url: urls.recensus,
      merchant_id: RECENSUS_TEST_CONFIG.merchantId,
      token: RECENSUS_TEST_CONFIG.token,
      shared_secret: RECENSUS_TEST_CONFIG.sharedSecret,
    },
    expertsender: { ...common, api_url: urls.expertsender, api_key: EXPERTSENDER_TEST_CONFIG.apiKey },
  }
}

/**
 * Seeds `rows` due deliveries split over the kinds by share, with the review requests and contact
 * syncs that wait on them. Returns how many rows each kind got.
 */
export async function seedMix(
  knex: Knex,
  rows: number,
  mix: [KindName, number][],
  run: string
): Promise<Record<string, number>> {
  await knex.raw(`TRUNCATE engagement_delivery, engagement_review_request, engagement_contact_sync`)
  const counts: Record<string, number> = {}
  let first = 1
  for (const [index, [name, share]] of mix.entries()) {
    const count = index === mix.length - 1 ? rows - first + 1 : Math.round(rows * share)
    const last = first + count - 1
    const kind: DeliveryKind = KINDS[name]
    counts[name] = count
    await knex.raw(
      `INSERT INTO engagement_delivery (id, origin, platform, operation, payload, idempotency_key, status, attempts, max_attempts,
         next_attempt_at, customer_id, order_id, subject_id, created_at, updated_at)
       SELECT 'engdel_' || ? || '_' || g, ?, ?, ?, ${kind.payload}, 'bench:' || ? || ':' || g, 'pending', 0, 5,
              now() - interval '1 minute', 'cus_' || g, 'order_' || g, 'engrr_' || ? || '_' || g, now(), now()
         FROM generate_series(?::int, ?::int) g`,
      [run, kind.origin, kind.platform, kind.operation, run, run, first, last]
    )
    if (kind.origin === "review_request") {
      await knex.raw(
        `INSERT INTO engagement_review_request (id, order_id, customer_id, status, channel, delivery_id, send_at)
         SELECT 'engrr_' || ? || '_' || g, 'order_' || g, 'cus_' || g, 'scheduled', ?, 'engdel_' || ? || '_' || g, now()
           FROM generate_series(?::int, ?::int) g`,
        [run, kind.platform, run, first, last]
      )
    }
    if (kind.origin === "contact_sync") {
      await knex.raw(
        `INSERT INTO engagement_contact_sync (id, customer_id, platform, status, dirty, in_flight_delivery_id, in_flight, step)
         SELECT 'engcs_' || ? || '_' || g, 'cus_' || g, ?, 'syncing', false, 'engdel_' || ? || '_' || g,
                jsonb_build_object('operation', ?::text, 'payload', ${kind.payload}, 'sends', ${kind.payload}), 1
           FROM generate_series(?::int, ?::int) g`,
        [run, kind.platform, run, kind.operation, first, last]
      )
    }
    first = last + 1
  }
  // as a real server's autovacuum would have (this machine's PostgreSQL runs with it off)
  await knex.raw(`VACUUM ANALYZE engagement_delivery`)
  return counts
}

/** The outbox's rows as the platforms' code builds requests from them (what the bare loops send). */
export async function messages(knex: Knex): Promise<OutboundMessage[]> {
  return (await knex.raw(`SELECT id, platform, operation, payload, idempotency_key, attempts FROM engagement_delivery`))
    .rows
}

/** How long the stand-ins take to answer in the outbox bench: a platform's ceiling is its concurrency ÷ this. */
export const LATENCY_MS = 20

/** A platform's request builder with its options parsed as the provider parses them. */
function requestBuilder<Options extends CommonPlatformOptions>(platform: EngagementPlatform<Options>, raw: unknown) {
  const options = parsePlatformOptions(platform, raw)
  return (message: OutboundMessage) => platform.buildRequest(message, options)
}

/**
 * Bare loops making the same requests (built by the same platform code from the same rows) at the
 * same concurrency per platform, with no database and no outbox: the reference the outbox's
 * throughput is a ratio of. `client` is how they send: `"node-http"` through the outbox's own HTTP
 * client (Node's `http` module, kept-alive: the strict reference, what these requests cost at
 * least), `"fetch"` through `fetch` (the reference the issue named, slower per request).
 * Returns requests per second.
 */
export async function bareLoop(
  rows: OutboundMessage[],
  urls: Record<BenchPlatform, string>,
  concurrency: number,
  client: "node-http" | "fetch"
): Promise<number> {
  const options = providerOptions(urls, concurrency)
  const builders = {
    rejoiner: requestBuilder(rejoinerPlatform, options.rejoiner),
    recensus: requestBuilder(recensusPlatform, options.recensus),
    expertsender: requestBuilder(expertSenderPlatform, options.expertsender),
  }
  const send = async (request: PlatformRequest): Promise<void> => {
    const body = request.body === undefined ? undefined : JSON.stringify(request.body)
    if (client === "node-http") {
      await httpExchange(request.url, { method: request.method, headers: request.headers, body, timeoutMs: 10_000 })
      return
    }
    const response = await fetch(request.url, { method: request.method, headers: request.headers, body })
    await response.text()
  }
  const started = Date.now()
  await Promise.all(
    BENCH_PLATFORMS.map(async (platform) => {
      const mine = rows.filter((row) => row.platform === platform)
      let next = 0
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < mine.length) {
            const request = builders[platform](mine[next++])
            // a kept-alive socket the stand-in closed as it was reused (a loaded machine's race):
            // sent again, as the outbox sends again a call that never reached the platform
            await send(request).catch((error) => {
              const code = (error as { code?: string; cause?: { code?: string } }).cause?.code ?? error.code
              if (code !== "UND_ERR_SOCKET" && code !== "ECONNRESET") {
                throw error
              }
              return send(request)
            })
          }
        })
      )
    })
  )
  return rows.length / ((Date.now() - started) / 1000)
}
