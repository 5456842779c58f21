import { randomUUID } from "node:crypto"
import { z } from "@medusajs/framework/zod"
import { headerViolations, RecordedRequest, StandIn, StandInAnswer, StandInRoute, zodViolations } from "./stand-in"

export interface EngageStandInConfig {
  apiKey: string
  /** identifier values (e.g. an email) that several contacts share: their lookup answers 409 */
  ambiguous?: string[]
}

type Contact = Record<string, unknown> & { id: string; contactType: string }
/** An assigned promotion as Engage answers it; `redemptionChannels[].type` is ECOM, POS or OTHER. */
export type EngagePromotion = Record<string, unknown> & {
  id: string
  redemptionChannels: (Record<string, unknown> & { type: string })[]
}
/** One receipt line of a contact's purchase and return history. */
export type EngageTransaction = Record<string, unknown> & { id: string }

export const PROMOTION_CHANNEL_TYPES = ["ECOM", "POS", "OTHER"] as const
/** the largest page `GET /api/v3/contacts/transactions` is asked for in the stand-in's contract */
const TRANSACTIONS_MAX_COUNT = 100

const IDENTIFIERS = ["email", "mobilePhone", "socialSecurityNumber", "customKey", "any"] as const
const BULK_LIMIT = 4000
const contactSchema = z.object({ email: z.string().email() }).catchall(z.unknown())
const bulkSchema = z.array(contactSchema).min(1).max(BULK_LIMIT)
const bulkUpdateSchema = z
  .array(
    z
      .record(z.string(), z.unknown())
      .refine((c) => typeof c.id === "string" || typeof c.email === "string", "each contact needs its id or email")
  )
  .min(1)
  .max(BULK_LIMIT)

const fail = (status: number, errorCode: string, message: string): StandInAnswer => ({
  status,
  body: { statusCode: status, errorCode, message },
})

/** Seed 004: "empty or null values in an update payload will overwrite the existing values". */
export function emptyValueViolations(value: unknown, where: string): string[] {
  if (value === null || (typeof value === "string" && value.trim() === "")) {
    return [`${where}: ${JSON.stringify(value)} would overwrite the contact's value; send only the changes`]
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => emptyValueViolations(item, `${where}.${index}`))
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
    return entries.length
      ? entries.flatMap(([key, item]) => emptyValueViolations(item, `${where}.${key}`))
      : [`${where}: an empty object would overwrite the contact's value`]
  }
  return []
}

function queryViolations(request: RecordedRequest, allowed: readonly string[]): string[] {
  return Object.keys(request.query)
    .filter((key) => !allowed.includes(key))
    .map((key) => `query.${key}: not a parameter of ${request.method} ${request.path}`)
}

function pageViolations(request: RecordedRequest): string[] {
  const problems: string[] = []
  for (const [key, min, max] of [
    ["offset", 0, Number.MAX_SAFE_INTEGER],
    ["count", 1, TRANSACTIONS_MAX_COUNT],
  ] as const) {
    const value = request.query[key]
    if (value !== undefined && !(/^\d+$/.test(value) && Number(value) >= min && Number(value) <= max)) {
      problems.push(`query.${key}: a whole number from ${min} to ${max}`)
    }
  }
  return problems
}

const sameValue = (a: unknown, b: string) => typeof a === "string" && a.toLowerCase() === b.toLowerCase()

function matches(contact: Contact, name: string, value: string): boolean {
  switch (name) {
    case "customKey":
      return sameValue(contact.memberNumber, value) || sameValue(contact.externalId, value)
    case "any":
      return ["email", "socialSecurityNumber", "mobilePhone", "memberNumber", "externalId"].some((key) =>
        sameValue(contact[key], value)
      )
    default:
      return sameValue(contact[name], value)
  }
}

/**
 * Voyado Engage contacts flow (Voyado Engage's API v3). Keeps the contacts it creates, answers a lookup with the
 * bare contact id (200), 404 ContactNotFound or 409 MultipleMatches, and refuses PATCH bodies with
 * null or empty values. A missing `apikey` is a violation; a wrong one is answered 401.
 */
export class EngageStandIn extends StandIn {
  constructor(private readonly config: EngageStandInConfig) {
    super("engage", engageRoutes(config))
  }

  get contacts(): Record<string, Contact> {
    return (this.state.contacts ??= {})
  }

  /** Puts a contact in Engage as if someone else had created it; returns its id. */
  addContact(fields: Record<string, unknown>): string {
    const id = randomUUID()
    this.contacts[id] = { contactType: "Contact", ...fields, id }
    return id
  }

  /** Assigns a promotion to the contact; answered by `GET /api/v3/promotion-assignments`. */
  assignPromotion(contactId: string, fields: Partial<EngagePromotion> = {}): EngagePromotion {
    const promotion: EngagePromotion = {
      id: randomUUID(),
      promotionId: randomUUID(),
      name: "Promotion",
      status: "Active",
      expiresOn: null,
      presentation: { heading: "Promotion", description: "", imageUrl: null },
      redemptionChannels: [{ type: "ECOM", valueType: "EXTERNALOFFER", value: "CODE" }],
      ...fields,
    }
    ;((this.state.promotions ??= {})[contactId] ??= []).push(promotion)
    return promotion
  }

  promotionsOf(contactId: string): EngagePromotion[] {
    return this.state.promotions?.[contactId] ?? []
  }

  /** Records a receipt line in the contact's history; answered by `GET /api/v3/contacts/transactions`. */
  addTransaction(contactId: string, fields: Partial<EngageTransaction> = {}): EngageTransaction {
    const transaction: EngageTransaction = {
      id: randomUUID(),
      type: "PURCHASE",
      receiptNumber: "R-1",
      sku: "SKU-1",
      articleName: "Article",
      quantity: 1,
      price: 100,
      discount: 0,
      currency: "EUR",
      time: new Date().toISOString(),
      storeName: "Web shop",
      ...fields,
    }
    ;((this.state.transactions ??= {})[contactId] ??= []).push(transaction)
    return transaction
  }

  transactionsOf(contactId: string): EngageTransaction[] {
    return this.state.transactions?.[contactId] ?? []
  }

  /** Makes lookups of this identifier value answer 409 MultipleMatches from now on. */
  markAmbiguous(value: string): this {
    ;(this.state.ambiguous ??= []).push(value)
    return this
  }

  isAmbiguous(value: string): boolean {
    return [...(this.config.ambiguous ?? []), ...(this.state.ambiguous ?? [])].some((known) => sameValue(known, value))
  }
}

function engageRoutes(config: EngageStandInConfig): StandInRoute[] {
  const engage = (standIn: StandIn) => standIn as EngageStandIn
  const auth = { apikey: /./ }
  const json = { ...auth, "Content-Type": /^application\/json/ }
  // every answer but a contract violation first needs the right key
  const keyed =
    (respond: (request: RecordedRequest, standIn: EngageStandIn) => StandInAnswer) =>
    (request: RecordedRequest, standIn: StandIn) =>
      request.headers.apikey === config.apiKey
        ? respond(request, engage(standIn))
        : fail(401, "Unauthorized", "invalid apikey")
  const known = (respond: (request: RecordedRequest, standIn: EngageStandIn, contact: Contact) => StandInAnswer) =>
    keyed((request, standIn) => {
      const contact = standIn.contacts[request.params.id]
      return contact ? respond(request, standIn, contact) : fail(404, "ContactNotFound", "contact not found")
    })

  return [
    {
      name: "lookup_contact",
      method: "GET",
      path: /^\/api\/v3\/contacts\/id$/,
      check: (request) => [
        ...headerViolations(request.headers, auth),
        ...queryViolations(request, [...IDENTIFIERS, "contactType"]),
        ...(IDENTIFIERS.some((name) => request.query[name])
          ? []
          : [`query: one of ${IDENTIFIERS.join(", ")} is required`]),
      ],
      respond: keyed((request, standIn) => {
        const [name, value] = Object.entries(request.query).find(([key]) => key !== "contactType")!
        if (name === "email" && !z.string().email().safeParse(value).success) {
          return fail(400, "InvalidEmailAddress", "invalid email address")
        }
        const found = Object.values(standIn.contacts).filter(
          (contact) =>
            matches(contact, name, value) &&
            (!request.query.contactType || sameValue(contact.contactType, request.query.contactType))
        )
        if (standIn.isAmbiguous(value) || found.length > 1) {
          return fail(409, "MultipleMatches", "more than one contact matches")
        }
        // the API: Engage returns the unique contactId, a JSON string
        return found.length
          ? { status: 200, body: JSON.stringify(found[0].id) }
          : fail(404, "ContactNotFound", "contact not found")
      }),
    },
    {
      name: "create_contact",
      method: "POST",
      path: /^\/api\/v3\/contacts$/,
      check: (request) => [...headerViolations(request.headers, json), ...zodViolations(contactSchema, request.body)],
      respond: keyed((request, standIn) => {
        const body = request.body as Record<string, unknown>
        if (Object.values(standIn.contacts).some((contact) => matches(contact, "email", String(body.email)))) {
          return fail(409, "ContactAlreadyExists", "a contact with this email already exists")
        }
        return { status: 201, body: standIn.contacts[standIn.addContact(body)] }
      }),
    },
    {
      name: "bulk_create",
      method: "POST",
      path: /^\/api\/v3\/contacts\/bulk$/,
      check: (request) => [
        ...headerViolations(request.headers, json),
        ...queryViolations(request, ["contactType", "avoidTriggeringExport"]),
        ...zodViolations(bulkSchema, request.body),
      ],
      respond: keyed((request, standIn) => {
        // queued in Engage; the stand-in applies it at once so later lookups find the contacts
        for (const contact of request.body as Record<string, unknown>[]) {
          if (!Object.values(standIn.contacts).some((known) => matches(known, "email", String(contact.email)))) {
            standIn.addContact({
              ...contact,
              ...(request.query.contactType ? { contactType: request.query.contactType } : {}),
            })
          }
        }
        return { status: 202, body: { batchId: randomUUID() } }
      }),
    },
    {
      name: "bulk_update",
      method: "PATCH",
      path: /^\/api\/v3\/contacts\/bulk$/,
      check: (request) => [
        ...headerViolations(request.headers, json),
        ...queryViolations(request, ["contactType", "avoidTriggeringExport"]),
        ...zodViolations(bulkUpdateSchema, request.body),
        ...emptyValueViolations(request.body, "body"),
      ],
      respond: keyed((request, standIn) => {
        for (const change of request.body as Record<string, unknown>[]) {
          const target = Object.values(standIn.contacts).find((contact) =>
            typeof change.id === "string" ? contact.id === change.id : matches(contact, "email", String(change.email))
          )
          if (target) {
            Object.assign(target, change, { id: target.id })
          }
        }
        return { status: 202, body: { batchId: randomUUID() } }
      }),
    },
    {
      name: "contact_transactions",
      method: "GET",
      path: /^\/api\/v3\/contacts\/transactions$/,
      check: (request) => [
        ...headerViolations(request.headers, auth),
        ...queryViolations(request, ["contactId", "offset", "count"]),
        ...(request.query.contactId ? [] : ["query.contactId: required"]),
        ...pageViolations(request),
      ],
      respond: keyed((request, standIn) => {
        if (!standIn.contacts[request.query.contactId]) {
          return fail(404, "ContactNotFound", "contact not found")
        }
        const offset = Number(request.query.offset ?? 0)
        const count = Number(request.query.count ?? TRANSACTIONS_MAX_COUNT)
        const all = standIn.transactionsOf(request.query.contactId)
        const items = all.slice(offset, offset + count)
        // Engage's paged answers: the items of this page, where it starts, and how many there are in all
        return { status: 200, body: { count: items.length, offset, totalCount: all.length, items } }
      }),
    },
    {
      name: "promotion_assignments",
      method: "GET",
      path: /^\/api\/v3\/promotion-assignments$/,
      check: (request) => [
        ...headerViolations(request.headers, auth),
        ...queryViolations(request, ["contactId", "redemptionChannelType"]),
        ...(request.query.contactId ? [] : ["query.contactId: required"]),
        ...(request.query.redemptionChannelType === undefined ||
        (PROMOTION_CHANNEL_TYPES as readonly string[]).includes(request.query.redemptionChannelType)
          ? []
          : [`query.redemptionChannelType: one of ${PROMOTION_CHANNEL_TYPES.join(", ")}`]),
      ],
      respond: keyed((request, standIn) => {
        if (!standIn.contacts[request.query.contactId]) {
          return fail(404, "ContactNotFound", "contact not found")
        }
        const type = request.query.redemptionChannelType
        const active = standIn
          .promotionsOf(request.query.contactId)
          .filter((promotion) => promotion.status !== "Expired")
          .filter((promotion) => !type || promotion.redemptionChannels.some((channel) => channel.type === type))
        return { status: 200, body: active }
      }),
    },
    {
      name: "get_contact",
      method: "GET",
      path: /^\/api\/v3\/contacts\/(?<id>[^/]+)$/,
      check: (request) => headerViolations(request.headers, auth),
      respond: known((_request, _standIn, contact) => ({ status: 200, body: contact })),
    },
    {
      name: "update_contact",
      method: "PATCH",
      path: /^\/api\/v3\/contacts\/(?<id>[^/]+)$/,
      check: (request) => [
        ...headerViolations(request.headers, json),
        ...zodViolations(
          z.record(z.string(), z.unknown()).refine((body) => Object.keys(body).length > 0, "no changes"),
          request.body
        ),
        ...emptyValueViolations(request.body, "body"),
        ...(request.body && typeof request.body === "object" && "contactType" in request.body
          ? ["body.contactType: changed only through /contacts/{contactId}/updateContactType"]
          : []),
      ],
      respond: known((request, _standIn, contact) => {
        Object.assign(contact, request.body, { id: contact.id })
        return { status: 200, body: contact }
      }),
    },
    {
      name: "update_contact_type",
      method: "POST",
      path: /^\/api\/v3\/contacts\/(?<id>[^/]+)\/updateContactType$/,
      check: (request) => [
        ...headerViolations(request.headers, auth),
        ...queryViolations(request, ["contactTypeId"]),
        ...(request.query.contactTypeId ? [] : ["query.contactTypeId: required"]),
        ...(request.rawBody ? ["body: the contact type is in the query string; send no body"] : []),
      ],
      respond: known((request, _standIn, contact) => {
        contact.contactType = request.query.contactTypeId
        return { status: 200, body: contact }
      }),
    },
  ]
}

export function createEngageStandIn(config: EngageStandInConfig): EngageStandIn {
  return new EngageStandIn(config)
}
