import type { Logger } from "@medusajs/framework/types"
import type { PlatformRequest } from "../../provider-api/types"
import { parseRetryAfter } from "../../provider-api/classify"
import { ErrorAnswer, platformFailureAnswer } from "../../provider-api/platform-failure"
import type { ShopperContactSource } from "../../provider-api/capabilities"
import type { StoreEngagementPromotion, StoreEngagementPurchasesResponse } from "../../types/store"
import {
  contactTransactionsRequest,
  promotionAssignmentsRequest,
  toStorePromotions,
  toStorePurchasePage,
  UnexpectedEngageAnswer,
} from "./my-pages"
import type { EngageOptions, EngagePromotionType } from "./options"
import { TtlCache } from "./ttl-cache"

const ENGAGE = "Voyado Engage"

export const MY_PAGES_MESSAGES = {
  notSynced: "engage: your contact is not synced to Voyado Engage yet",
  unavailable: (what: string) => `engage: Voyado Engage did not answer the ${what} read; try again later`,
  refused: (what: string) =>
    `engage: Voyado Engage refused the store's ${what} read; the store's Engage settings need attention`,
} as const

/**
 * Why a "My pages" read has no answer; `status` is the HTTP status the store route answers: 409
 * before the contact is synced, 424 (Failed Dependency, never a 5xx) when Engage fails, with what failed.
 */
export class MyPagesReadError extends Error {
  constructor(
    readonly status: 404 | 409 | 424,
    readonly type: "not_found" | "conflict" | "platform_error" | "platform_unavailable",
    message: string,
    readonly failed?: string,
    readonly retryAfterMs?: number
  ) {
    super(message)
  }
}

const unavailable = (what: string, retryAfterMs?: number) =>
  new MyPagesReadError(424, "platform_unavailable", MY_PAGES_MESSAGES.unavailable(what), what, retryAfterMs)
const refused = (what: string) => new MyPagesReadError(424, "platform_error", MY_PAGES_MESSAGES.refused(what), what)

/** The provider a read goes through: its id, validated options and the module's contact syncs. */
export interface EngageReader {
  platformId: string
  options: EngageOptions
  source: ShopperContactSource
  logger: Logger
}

// per process, keyed by Engage contact id and question: one shopper's reload does not call Engage again
const cache = new TtlCache<unknown>(10_000)
const inFlight = new Map<string, Promise<unknown>>()

async function engageContact({ source, platformId, options }: EngageReader, customerId: string) {
  // the contact id comes from the signed-in customer's own sync row, never from the request
  const [sync] = await source.listContactSyncs({ customer_id: customerId, platform: platformId })
  if (!sync?.external_id) {
    throw new MyPagesReadError(409, "conflict", MY_PAGES_MESSAGES.notSynced)
  }
  return { options, contactId: sync.external_id }
}

/** A read only: nothing changes in Engage, so it goes out now, with the platform's timeout, not through the outbox. */
async function ask(
  request: PlatformRequest,
  options: EngageOptions,
  logger: Logger,
  what: string,
  contactId: string
): Promise<unknown> {
  let answer: Response
  try {
    answer = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      signal: AbortSignal.timeout(options.timeout_ms),
    })
  } catch (error) {
    logger.warn(`engage ${what} for contact ${contactId}: no answer (${(error as Error).message})`)
    throw unavailable(what)
  }
  if (answer.status === 404) {
    // the id the sync kept is not (or no longer) an Engage contact: the next sync will find or create it
    logger.warn(`engage ${what} for contact ${contactId}: contact not found (404)`)
    throw new MyPagesReadError(409, "conflict", MY_PAGES_MESSAGES.notSynced)
  }
  if (answer.status >= 500 || answer.status === 429) {
    logger.warn(`engage ${what} for contact ${contactId}: answered ${answer.status}`)
    throw unavailable(what, parseRetryAfter(answer.headers.get("retry-after") ?? undefined))
  }
  if (!answer.ok) {
    logger.error(`engage ${what} for contact ${contactId}: refused with ${answer.status}`)
    throw refused(what)
  }
  try {
    return await answer.json()
  } catch (error) {
    logger.error(`engage ${what} for contact ${contactId}: the answer is not JSON (${(error as Error).message})`)
    throw refused(what)
  }
}

async function cachedRead<T>(key: string, options: EngageOptions, read: () => Promise<T>): Promise<T> {
  const hit = cache.get(key, Date.now())
  if (hit !== undefined) {
    return hit as T
  }
  // simultaneous reloads of one page wait for the one read already on its way
  const pending = inFlight.get(key)
  if (pending) {
    return (await pending) as T
  }
  const reading = read()
    .then((value) => {
      if (options.my_pages_cache_ms > 0) {
        cache.set(key, value, Date.now() + options.my_pages_cache_ms)
      }
      return value
    })
    .finally(() => inFlight.delete(key))
  inFlight.set(key, reading)
  return await reading
}

function mapped<T>(map: () => T, logger: Logger, what: string, contactId: string): T {
  try {
    return map()
  } catch (error) {
    if (error instanceof UnexpectedEngageAnswer) {
      logger.error(`engage ${what} for contact ${contactId}: unexpected answer (${error.message})`)
      throw refused(what)
    }
    throw error
  }
}

/** The signed-in shopper's active promotions of one redemption channel (the options' default when none). */
export async function readEngagePromotions(
  reader: EngageReader,
  customerId: string,
  type?: EngagePromotionType
): Promise<StoreEngagementPromotion[]> {
  const { logger } = reader
  const { options, contactId } = await engageContact(reader, customerId)
  const channel = type ?? options.my_pages_promotion_type
  return await cachedRead(`promotions:${contactId}:${channel}`, options, async () => {
    const body = await ask(
      promotionAssignmentsRequest(options, contactId, channel),
      options,
      logger,
      "promotions",
      contactId
    )
    return mapped(() => toStorePromotions(body, channel), logger, "promotions", contactId)
  })
}

/** One page of the signed-in shopper's purchases and returns. */
export async function readEngagePurchases(
  reader: EngageReader,
  customerId: string,
  page: { offset: number; limit: number }
): Promise<StoreEngagementPurchasesResponse> {
  const { logger } = reader
  const { options, contactId } = await engageContact(reader, customerId)
  return await cachedRead(`purchases:${contactId}:${page.offset}:${page.limit}`, options, async () => {
    const body = await ask(
      contactTransactionsRequest(options, contactId, page),
      options,
      logger,
      "purchases",
      contactId
    )
    return mapped(() => toStorePurchasePage(body, page), logger, "purchases", contactId)
  })
}

/** The store's answer to a read that failed for a known reason; null for any other error. */
export function myPagesErrorAnswer(error: unknown): ErrorAnswer | null {
  if (!(error instanceof MyPagesReadError)) {
    return null
  }
  const type = error.type
  if (error.failed && (type === "platform_unavailable" || type === "platform_error")) {
    return platformFailureAnswer(
      { type, message: error.message, platform: ENGAGE, failed: error.failed },
      error.retryAfterMs
    )
  }
  return { status: error.status, body: { type: error.type, message: error.message } }
}
