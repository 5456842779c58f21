import type { PlatformRequest } from "../../provider-api/types"
import type {
  StoreEngagementPromotion,
  StoreEngagementPurchase,
  StoreEngagementPurchasesResponse,
} from "../../types/store"
import type { EngageOptions, EngagePromotionType } from "./options"
import { engageHeaders, engageUrl } from "./request"

/**
 * "My pages" reads from Voyado Engage's contacts flow ("Fetching a contact's information"): the
 * contact's active promotions (`GET /api/v3/promotion-assignments`) and its purchase and return
 * history (`GET /api/v3/contacts/transactions`, paginated), both by the contact id the sync keeps.
 * Pure: the requests and the mapping of Engage's answers to the plugin's store shapes.
 */

type Options = Pick<EngageOptions, "api_url" | "api_key">

/** Engage answered 2xx with something that is not the documented shape. */
export class UnexpectedEngageAnswer extends Error {}

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value)
const textOf = (value: unknown): string | null =>
  typeof value === "string" ? value : typeof value === "number" ? String(value) : null
const numberOf = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null)

export function promotionAssignmentsRequest(
  options: Options,
  contactId: string,
  type: EngagePromotionType
): PlatformRequest {
  const query = new URLSearchParams({ contactId, redemptionChannelType: type })
  return {
    method: "GET",
    url: engageUrl(options, "/api/v3/promotion-assignments", query),
    headers: engageHeaders(options, false),
  }
}

export function contactTransactionsRequest(
  options: Options,
  contactId: string,
  page: { offset: number; limit: number }
): PlatformRequest {
  const query = new URLSearchParams({ contactId, offset: String(page.offset), count: String(page.limit) })
  return {
    method: "GET",
    url: engageUrl(options, "/api/v3/contacts/transactions", query),
    headers: engageHeaders(options, false),
  }
}

function toStorePromotion(assignment: unknown, type: EngagePromotionType): StoreEngagementPromotion {
  if (!isObject(assignment) || textOf(assignment.id) === null) {
    throw new UnexpectedEngageAnswer("a promotion assignment without an id")
  }
  const presentation = isObject(assignment.presentation) ? assignment.presentation : {}
  const channels = Array.isArray(assignment.redemptionChannels) ? assignment.redemptionChannels.filter(isObject) : []
  const channel = channels.find((candidate) => candidate.type === type)
  return {
    id: textOf(assignment.id)!,
    promotion_id: textOf(assignment.promotionId),
    name: textOf(assignment.name),
    heading: textOf(presentation.heading),
    description: textOf(presentation.description),
    image_url: textOf(presentation.imageUrl),
    expires_at: textOf(assignment.expiresOn),
    // Engage also returns redeemed promotions that are otherwise still active
    redeemed: assignment.redeemed === true || textOf(assignment.status)?.toLowerCase() === "redeemed",
    redemption: channel ? { channel: type, value_type: textOf(channel.valueType), value: textOf(channel.value) } : null,
  }
}

/** `GET /api/v3/promotion-assignments` answers a JSON array of the contact's active assignments. */
export function toStorePromotions(body: unknown, type: EngagePromotionType): StoreEngagementPromotion[] {
  if (!Array.isArray(body)) {
    throw new UnexpectedEngageAnswer("promotion assignments are not a list")
  }
  return body.map((assignment) => toStorePromotion(assignment, type))
}

function toStorePurchase(line: unknown): StoreEngagementPurchase {
  if (!isObject(line) || textOf(line.id) === null) {
    throw new UnexpectedEngageAnswer("a transaction without an id")
  }
  return {
    id: textOf(line.id)!,
    type: textOf(line.type)?.toUpperCase() === "RETURN" ? "return" : "purchase",
    receipt_number: textOf(line.receiptNumber),
    sku: textOf(line.sku),
    article_name: textOf(line.articleName),
    quantity: numberOf(line.quantity),
    amount: numberOf(line.price),
    discount: numberOf(line.discount),
    currency_code: textOf(line.currency)?.toLowerCase() ?? null,
    store_name: textOf(line.storeName),
    occurred_at: textOf(line.time),
  }
}

/** Engage's paged answer: `{ items, offset, count, totalCount }`. */
export function toStorePurchasePage(
  body: unknown,
  page: { offset: number; limit: number }
): StoreEngagementPurchasesResponse {
  if (!isObject(body) || !Array.isArray(body.items)) {
    throw new UnexpectedEngageAnswer("transactions are not a page of items")
  }
  const purchases = body.items.map(toStorePurchase)
  const total = numberOf(body.totalCount)
  return { purchases, count: total ?? page.offset + purchases.length, offset: page.offset, limit: page.limit }
}
