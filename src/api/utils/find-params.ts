import { z } from "@medusajs/framework/zod"
import { identifier, selectedFields, sortOrder } from "./validation"

const wholeNumber = (min: number, max: number) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() !== "" ? Number(value) : value),
    z.number().int().min(min).max(max)
  )

/**
 * `fields` of a route, limited to the fields it can return: Medusa passes an unknown one on to
 * the query, which answers a 500.
 */
export function createSelectParams(fields: readonly string[]) {
  return z.object({ fields: selectedFields(fields).optional() }).strict()
}

/**
 * Medusa's list parameters (fields, order, limit, offset), each bounded: `createFindParams` lets
 * `limit=-3` and `order=nonexistent` through to the database, which answers a 500.
 */
export function createBoundedFindParams({
  fields,
  sortable,
  limit = 20,
  maxLimit = 500,
}: {
  fields: readonly string[]
  sortable: readonly string[]
  limit?: number
  maxLimit?: number
}) {
  return createSelectParams(fields).extend({
    order: sortOrder(sortable).optional(),
    limit: wholeNumber(1, maxLimit).default(limit),
    offset: wholeNumber(0, Number.MAX_SAFE_INTEGER).default(0),
  })
}

/** A query value that may be given once or repeated (`?status=a&status=b`). */
export const oneOrMany = <T extends z.ZodType>(schema: T) => z.union([schema, z.array(schema).max(100)])

/** A filter by id or name, given once or repeated. */
export const idFilter = () => oneOrMany(identifier()).optional()
