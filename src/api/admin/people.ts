import type { FilterableCustomerProps, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import { ordersById, OrderRow } from "../../utils/orders-by-id"
import { identifier } from "../utils/validation"

/**
 * The order and the customer a row of an admin list is about, as the store owner knows them: the
 * order's number ("#5") and the customer's name and email, not their ids. Looked up for a whole
 * page at once (Medusa's query graph for orders, the Customer Module for customers), never per row.
 */

export interface OrderRef {
  id: string
  display_id: number | null
}

export interface CustomerRef {
  id: string
  name: string | null
  email: string | null
}

type RowWithPeople = { order_id?: string | null; customer_id?: string | null }

type CustomerRow = { id: string; email?: string | null; first_name?: string | null; last_name?: string | null }

const fullName = (customer: CustomerRow) =>
  [customer.first_name, customer.last_name].filter((part) => part && part.trim()).join(" ") || null

const distinct = (values: (string | null | undefined)[]) => [...new Set(values.filter((v): v is string => !!v))]

async function customersById(scope: MedusaContainer, ids: string[]) {
  if (!ids.length) {
    return new Map<string, CustomerRow>()
  }
  const customers = await scope
    .resolve(Modules.CUSTOMER)
    .listCustomers({ id: ids }, { select: ["id", "email", "first_name", "last_name"] })
  return new Map(customers.map((customer) => [customer.id, customer as CustomerRow]))
}

const orderRef = (order: OrderRow | undefined): OrderRef | null =>
  order ? { id: order.id, display_id: order.display_id ?? null } : null

/** Each row with `order` (`{ id, display_id }`), null where it has none or the order is gone. */
export async function withOrderNumbers<T extends { order_id?: string | null }>(scope: MedusaContainer, rows: T[]) {
  const orders = await ordersById(
    scope,
    rows.map((row) => row.order_id)
  )
  return rows.map((row) => ({ ...row, order: orderRef(row.order_id ? orders.get(row.order_id) : undefined) }))
}

/**
 * Each row with `order` (`{ id, display_id }`) and `customer` (`{ id, name, email }`), null where
 * there is none or it is gone (an erased customer). A row without a customer takes its order's.
 */
export async function withPeople<T extends RowWithPeople>(scope: MedusaContainer, rows: T[]) {
  const orders = await ordersById(
    scope,
    rows.map((row) => row.order_id)
  )
  const customerOf = (row: T) => row.customer_id ?? (row.order_id ? orders.get(row.order_id)?.customer_id : null)
  const customers = await customersById(scope, distinct(rows.map(customerOf)))
  return rows.map((row) => {
    const order = row.order_id ? orders.get(row.order_id) : undefined
    const customerId = customerOf(row)
    const customer = customerId ? customers.get(customerId) : undefined
    return {
      ...row,
      order: orderRef(order),
      customer: customer
        ? ({ id: customer.id, name: fullName(customer), email: customer.email ?? null } satisfies CustomerRef)
        : null,
    }
  })
}

const ORDER_NUMBER = /^#?\s*(\d{1,9})$/

/** An order filter: an order id (`order_…`) or its number (`#5` or `5`). */
export const orderReference = () =>
  identifier().refine((value) => ORDER_NUMBER.test(value.trim()) || /^order_\w+$/.test(value.trim()), {
    message: "must be an order number (#5) or an order id (order_…)",
  })

/** A customer filter: a customer id (`cus_…`), an email or a name. */
export const customerReference = () =>
  identifier().refine((value) => value.trim().length > 0, { message: "must be a customer's id, email or name" })

const manyOf = <T extends z.ZodType>(schema: T) => z.union([schema, z.array(schema).max(100)])

/** `order_id` of a list's query: one or many order numbers or ids. */
export const orderFilter = () => manyOf(orderReference()).optional()

/** `customer_id` of a list's query: one or many customer ids, emails or names. */
export const customerFilter = () => manyOf(customerReference()).optional()

const asList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]).map((v) => String(v).trim())

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`)

async function orderIdsOf(scope: MedusaContainer, values: string[]) {
  const numbers = values.map((value) => ORDER_NUMBER.exec(value)?.[1]).filter((n): n is string => !!n)
  const ids = values.filter((value) => !ORDER_NUMBER.test(value))
  if (numbers.length) {
    const query = scope.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "order",
      fields: ["id"],
      filters: { display_id: numbers.map(Number) },
    })
    ids.push(...(data as { id: string }[]).map((order) => order.id))
  }
  return ids
}

/** A name matches its first and last names in order ("Ada Lovelace"), or either alone ("Ada"). */
function nameSelector(value: string): FilterableCustomerProps[] {
  const words = value.split(/\s+/).filter(Boolean)
  const like = (word: string) => ({ $ilike: `${escapeLike(word)}%` })
  return words.length > 1
    ? [{ first_name: like(words.slice(0, -1).join(" ")), last_name: like(words[words.length - 1]) }]
    : [{ first_name: like(value) }, { last_name: like(value) }]
}

async function customerIdsOf(scope: MedusaContainer, values: string[]) {
  const ids = values.filter((value) => value.startsWith("cus_"))
  const others = values.filter((value) => !value.startsWith("cus_"))
  if (others.length) {
    const selectors = others.flatMap((value): FilterableCustomerProps[] =>
      value.includes("@") ? [{ email: { $ilike: escapeLike(value) } }] : nameSelector(value)
    )
    const customers = await scope
      .resolve(Modules.CUSTOMER)
      .listCustomers({ $or: selectors }, { select: ["id"], take: 500 })
    ids.push(...customers.map((customer) => customer.id))
  }
  return ids
}

/**
 * The ids an `order_id` / `customer_id` filter stands for, given as the owner knows them (`#5`,
 * an email, a name) or as ids; null when one of them names no one, so the list is empty.
 */
export async function resolvePeopleFilters<T extends { order_id?: unknown; customer_id?: unknown }>(
  scope: MedusaContainer,
  filters: T
): Promise<T | null> {
  const resolved: T = { ...filters }
  if (filters.order_id !== undefined) {
    const ids = await orderIdsOf(scope, asList(filters.order_id))
    if (!ids.length) {
      return null
    }
    resolved.order_id = ids
  }
  if (filters.customer_id !== undefined) {
    const ids = await customerIdsOf(scope, asList(filters.customer_id))
    if (!ids.length) {
      return null
    }
    resolved.customer_id = ids
  }
  return resolved
}
