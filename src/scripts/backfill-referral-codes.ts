import type { ExecArgs, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createReferralCodesWorkflow } from "../workflows/loyalty/workflows/create-referral-codes"
import type EngagementModuleService from "../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../provider-api/provider"

/**
 * Gives every customer created before the plugin made codes on `customer.created` a referral
 * code, a page at a time; customers who have one are left alone, so it can run again, and erased
 * shoppers who have not acted since are skipped. Returns
 * how many customers it looked at and how many codes it made.
 */
export async function backfillReferralCodes(
  container: MedusaContainer,
  pageSize = 200
): Promise<{ seen: number; created: number }> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  let seen = 0
  let created = 0
  for (;;) {
    const { data: customers } = await query.graph({
      entity: "customer",
      fields: ["id"],
      pagination: { skip: seen, take: pageSize, order: { created_at: "ASC" } },
    })
    if (!customers.length) {
      return { seen, created }
    }
    const ids = customers.map((customer) => customer.id)
    // an erased shopper gets no code again until they act (an order, a change of their own)
    const erased = new Set((await engagement.listErasedCustomers(ids)).map((row) => row.customer_id))
    const { result } = await createReferralCodesWorkflow(container).run({
      input: { customer_ids: ids.filter((id) => !erased.has(id)) },
    })
    seen += customers.length
    created += result.length
  }
}

/** `npx medusa exec ./src/scripts/backfill-referral-codes.ts [page size]` */
export default async function backfillReferralCodesScript({ container, args }: ExecArgs) {
  const [pageSize] = args ?? []
  const { seen, created } = await backfillReferralCodes(container, pageSize ? Number(pageSize) : undefined)
  container.resolve("logger").info(`referral codes: ${seen} customers, ${created} codes made`)
}
