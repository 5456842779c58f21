import { z } from "@medusajs/framework/zod"

/** `?hours=24`: how far back the summary looks (1 hour to 30 days). */
export const AdminGetReconciliationParams = z
  .object({
    hours: z.coerce.number().int().min(1).max(720).default(24),
  })
  .strict()
export type AdminGetReconciliationParamsType = z.infer<typeof AdminGetReconciliationParams>
