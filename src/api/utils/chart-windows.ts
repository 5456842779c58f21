import { z } from "@medusajs/framework/zod"

/** `?weeks=12`: how many calendar weeks a weekly chart covers, the current one included (1 to 52). */
export const ChartWeeksParams = z
  .object({
    weeks: z.coerce.number().int().min(1).max(52).default(12),
  })
  .strict()
export type ChartWeeksParamsType = z.infer<typeof ChartWeeksParams>
