import { z } from "@medusajs/framework/zod"

/**
 * PostgreSQL refuses NUL in text and JSON, and a lone UTF-16 surrogate cannot be encoded as UTF-8:
 * such a value must be refused as bad input before any write, not fail half-way through one.
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

export const isStorableText = (value: string) => !UNSTORABLE.test(value)

const unstorable = (field: string) => `${field}: must not contain NUL characters or lone UTF-16 surrogates`

/** A string of at most `max` characters that PostgreSQL can store; its error names `field`. */
export const storableText = (field: string, max: number) => z.string().max(max).refine(isStorableText, unstorable(field))

/** A string-to-string record whose keys and values PostgreSQL can store; its error names `field`. */
export const storableRecord = (field: string, keyMax: number, valueMax: number) =>
  z
    .record(z.string().min(1).max(keyMax), z.string().max(valueMax))
    .refine((record) => Object.entries(record).every(([key, value]) => isStorableText(key) && isStorableText(value)), unstorable(field))
