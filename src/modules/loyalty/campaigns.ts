import { z } from "@medusajs/framework/zod"

const instant = z.iso
  .datetime({ offset: true })
  .describe("an instant with its time zone, e.g. `2026-12-11T18:00:00+01:00`")

export const campaignSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z][a-z0-9_-]*$/, "lower-case letters, digits, - and _")
      .describe("the campaign's id, kept on the points it gave"),
    name: z.string().min(1).max(200).describe("the campaign's name, shown to the shopper with what a cart earns"),
    multiplier: z
      .number()
      .gt(1)
      .max(10)
      .describe("what earning is multiplied by in the window (e.g. 2 for double points)"),
    starts_at: instant.describe("when orders start to earn the multiplier (with its time zone)"),
    ends_at: instant.describe("when they stop (with its time zone)"),
    tiers: z.array(z.string().min(1)).default([]).describe("the tier ids it is for; none: every member"),
  })
  .superRefine((campaign, ctx) => {
    if (Date.parse(campaign.ends_at) <= Date.parse(campaign.starts_at)) {
      ctx.addIssue({ code: "custom", path: ["ends_at"], message: "must be after starts_at" })
    }
  })

export const campaignsSchema = z
  .array(campaignSchema)
  .superRefine((campaigns, ctx) => {
    campaigns.forEach((campaign, index) => {
      if (campaigns.findIndex((other) => other.id === campaign.id) !== index) {
        ctx.addIssue({
          code: "custom",
          path: [index, "id"],
          message: `${campaign.id} is already the id of another campaign`,
        })
      }
    })
  })
  .default([])
  .describe(
    "time-boxed earning multipliers, `[{ id, name, multiplier, starts_at, ends_at, tiers }]`: an order placed in a campaign's window (and a cart's earn preview then) earns × its multiplier on top of the tier's and schemes'; of several at once the highest applies"
  )

export type Campaign = z.infer<typeof campaignSchema>

/**
 * The campaign an order placed at `at` by a member of `tierId` earns under: of those whose window
 * holds `at` (start included, end excluded) and that are for every member or for that tier, the
 * one with the highest multiplier (campaigns do not stack); null when there is none.
 */
export function campaignAt(campaigns: readonly Campaign[], tierId: string | null, at: Date): Campaign | null {
  const time = at.getTime()
  return campaigns
    .filter((campaign) => Date.parse(campaign.starts_at) <= time && time < Date.parse(campaign.ends_at))
    .filter((campaign) => !campaign.tiers.length || (tierId !== null && campaign.tiers.includes(tierId)))
    .reduce<Campaign | null>(
      (best, campaign) => (!best || campaign.multiplier > best.multiplier ? campaign : best),
      null
    )
}
