import { createFindParams } from "@medusajs/medusa/api/utils/validators"
import { z } from "@medusajs/framework/zod"

const wholeNumber = (min: number, max: number) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() !== "" ? Number(value) : value),
    z.number().int().min(min).max(max)
  )

/**
 * Medusa's list parameters (fields, order, limit, offset) with bounds on limit and offset:
 * `createFindParams` alone lets `limit=-3` through to the database, which answers a 500.
 */
export function createBoundedFindParams({ limit = 20, maxLimit = 500 } = {}) {
  return createFindParams({ limit, offset: 0 }).extend({
    limit: wholeNumber(1, maxLimit).default(limit),
    offset: wholeNumber(0, Number.MAX_SAFE_INTEGER).default(0),
  })
}

/** A query value that may be given once or repeated (`?status=a&status=b`). */
export const oneOrMany = <T extends z.ZodType>(schema: T) => z.union([schema, z.array(schema)])
