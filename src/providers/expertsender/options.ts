import { z } from "@medusajs/framework/zod"
import { commonPlatformOptionsSchema } from "../../provider-api/types"

export const EXPERTSENDER_MATCH_BY = ["Email", "PhoneNumber", "CrmId", "GUID", "VisitorId"] as const
export const EXPERTSENDER_MODES = ["Add", "Update", "AddOrUpdate"] as const

export const expertSenderOptionsSchema = commonPlatformOptionsSchema.extend({
  api_url: z.string().url().describe("the part before `/customers`, e.g. https://api.ecdp.app"),
  api_key: z.string().min(1).describe("sent as `x-api-key` (Settings > API in ExpertSender)"),
  match_by: z
    .enum(EXPERTSENDER_MATCH_BY)
    .default("Email")
    .describe("the `matchBy` of an upsert that does not name one: the account's default identification field"),
  batch_size: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(100)
    .describe("how many contacts the sync puts in one `POST /customers`"),
  consent_ids: z
    .record(z.string(), z.number().int())
    .default({})
    .describe("consent purpose -> ExpertSender's integer consent id; a purpose not listed is not sent"),
})
export type ExpertSenderOptions = z.infer<typeof expertSenderOptionsSchema>
