import { z } from "@medusajs/framework/zod"
import { headerViolations, RecordedRequest, StandIn, StandInAnswer, StandInRoute, zodViolations } from "./stand-in"

export interface ExpertSenderStandInConfig {
  apiKey: string
}

// as the API's "2023-07-25T12:35:54.712Z": date, T, time with seconds, then Z or an offset
const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

const customerSchema = z
  .object({
    email: z.string().max(320).email(),
    phone: z.string().max(20).regex(/^\S+$/, "a phone number without spaces"),
    crmId: z.string().max(128),
    visitorId: z.string().max(38),
    firstName: z.string().max(256),
    lastName: z.string().max(256),
    dateOfBirth: z.string().regex(isoDateTime, "an ISO 8601 date-time such as 2023-07-25T12:35:54.712Z"),
    gender: z.enum(["Male", "Female", "NotSpecified"]),
    customAttributes: z.array(z.object({ name: z.string().min(1).max(256), value: z.string().optional() }).strict()),
    consentsData: z
      .object({
        consents: z.array(
          z.object({ id: z.number().int(), value: z.enum(["False", "AwaitingConfirmation", "True"]) }).strict()
        ),
        force: z.boolean(),
        confirmationMessageId: z.number().int(),
      })
      .partial()
      .strict(),
  })
  .partial()
  .strict()

const MATCH_FIELDS = {
  Email: "email",
  PhoneNumber: "phone",
  CrmId: "crmId",
  VisitorId: "visitorId",
  GUID: null,
} as const
type MatchBy = keyof typeof MATCH_FIELDS

export const expertSenderUpsertSchema = z
  .object({
    mode: z.enum(["Add", "Update", "AddOrUpdate"]),
    matchBy: z.enum(["Email", "PhoneNumber", "CrmId", "GUID", "VisitorId"]),
    data: z.array(customerSchema).min(1),
  })
  .strict()

type Customer = z.infer<typeof customerSchema> & { id: number }

/** The API's problem-details error body. */
function problem(
  request: RecordedRequest,
  status: number,
  title: string,
  detail: string,
  errors?: string[]
): StandInAnswer {
  return {
    status,
    body: { type: "about:blank", title, status, detail, instance: request.path, ...(errors ? { errors } : {}) },
  }
}

function matchViolations(body: { matchBy?: MatchBy; data?: Record<string, unknown>[] }): string[] {
  const field = body.matchBy ? MATCH_FIELDS[body.matchBy] : null
  if (!field || !Array.isArray(body.data)) {
    return []
  }
  return body.data.flatMap((customer, index) =>
    customer && typeof customer === "object" && customer[field]
      ? []
      : [`body.data.${index}.${field}: required when matchBy is ${body.matchBy}`]
  )
}

const customersOf = (standIn: StandIn): Customer[] => (standIn.state.customers ??= [])

/** Merges an update into a stored customer: attributes by name, consents by id, the rest replaced. */
function merge(existing: Customer, update: Omit<Customer, "id">): Customer {
  const attributes = new Map((existing.customAttributes ?? []).map((attribute) => [attribute.name, attribute]))
  for (const attribute of update.customAttributes ?? []) {
    attributes.set(attribute.name, attribute)
  }
  const consents = new Map((existing.consentsData?.consents ?? []).map((consent) => [consent.id, consent]))
  for (const consent of update.consentsData?.consents ?? []) {
    consents.set(consent.id, consent)
  }
  return {
    ...existing,
    ...update,
    customAttributes: [...attributes.values()],
    consentsData: { consents: [...consents.values()] },
  }
}

function upsert(request: RecordedRequest, standIn: StandIn): StandInAnswer {
  const body = request.body as z.infer<typeof expertSenderUpsertSchema>
  const customers = customersOf(standIn)
  const field = MATCH_FIELDS[body.matchBy]
  const find = (customer: Omit<Customer, "id">) =>
    field ? customers.findIndex((stored) => stored[field] === customer[field]) : -1
  // checked first so a refused call changes nothing
  const errors = body.data.flatMap((customer, index) => {
    const found = find(customer) >= 0
    if (body.mode === "Add" && found) {
      return [`data[${index}]: a customer with this ${field} already exists`]
    }
    if (body.mode === "Update" && !found) {
      return [`data[${index}]: no customer with this ${field ?? body.matchBy}`]
    }
    return []
  })
  if (errors.length) {
    return problem(request, 400, "Bad Request", "One or more customers were not processed.", errors)
  }
  for (const customer of body.data) {
    const index = find(customer)
    if (index >= 0) {
      customers[index] = merge(customers[index], customer)
    } else {
      standIn.state.nextId = (standIn.state.nextId ?? 0) + 1
      customers.push(merge({ id: standIn.state.nextId }, customer))
    }
  }
  return { status: 201 }
}

/**
 * ExpertSender ECDP Customers API (ExpertSender's ECDP API): `POST /customers` (201; 400 and 401 as problem
 * details) and the lookups by id, email, phone and crmId (200 `{ status, data }`, 404).
 * A missing `x-api-key` is a contract violation; a wrong one is answered 401.
 */
export function createExpertSenderStandIn(config: ExpertSenderStandInConfig): StandIn {
  const unauthorized = (request: RecordedRequest) =>
    request.headers["x-api-key"] !== config.apiKey
      ? problem(request, 401, "Unauthorized", "The API key is missing or not valid.")
      : null
  const lookup = (name: string, field: "id" | "email" | "phone" | "crmId"): StandInRoute => ({
    name,
    method: "GET",
    path: new RegExp(`^/customers/${field}/(?<value>[^/]+)$`),
    check: (request) => headerViolations(request.headers, { "x-api-key": /./ }),
    respond: (request, standIn) => {
      const denied = unauthorized(request)
      if (denied) {
        return denied
      }
      const value = request.params.value
      const customer = customersOf(standIn).find((stored) => String(stored[field]) === value)
      if (!customer) {
        return problem(request, 404, "Not Found", `No customer with ${field} ${value}.`)
      }
      const { id: _id, ...data } = customer
      return { status: 200, body: { status: 0, data } }
    },
  })
  return new StandIn("expertsender", [
    {
      name: "upsert_customers",
      method: "POST",
      path: /^\/customers$/,
      check: (request) => [
        ...headerViolations(request.headers, { "x-api-key": /./, "Content-Type": /^application\/json/ }),
        ...zodViolations(expertSenderUpsertSchema, request.body),
        ...matchViolations(request.body as { matchBy?: MatchBy; data?: Record<string, unknown>[] }),
      ],
      respond: (request, standIn) => unauthorized(request) ?? upsert(request, standIn),
    },
    lookup("get_customer_by_id", "id"),
    lookup("get_customer_by_email", "email"),
    lookup("get_customer_by_phone", "phone"),
    lookup("get_customer_by_crm_id", "crmId"),
  ])
}
