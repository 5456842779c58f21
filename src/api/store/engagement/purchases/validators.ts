import { z } from "@medusajs/framework/zod"

const wholeNumber = (min: number, max: number) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() !== "" ? Number(value) : value),
    z.number().int().min(min).max(max)
  )

/** A page of the shopper's history, in the order the platform answers it: at most 100 receipt lines a page. */
export const StoreGetPurchasesParams = z
  .object({
    limit: wholeNumber(1, 100).default(20),
    offset: wholeNumber(0, 1_000_000).default(0),
  })
  .strict()
export type StoreGetPurchasesParamsType = z.infer<typeof StoreGetPurchasesParams>
