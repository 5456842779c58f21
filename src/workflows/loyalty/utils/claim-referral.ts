import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type { ReferralRecord } from "../../../modules/loyalty/ledger/referrals"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../modules/loyalty/types"

interface CustomerRow {
  id: string
  email: string | null
}

/**
 * Claims a code for a customer: reads who the advocate and the referee are (their emails, whether
 * the referee ordered or their address was a customer before this account — `first_order_id`, the
 * order a claim from the cart's metadata arrives with, does not count), then lets the module
 * decide and record the claim. Throws NOT_FOUND for a code that does not exist.
 */
export async function claimReferralFor(
  container: MedusaContainer,
  input: { code: string; customer_id: string; first_order_id?: string }
): Promise<ReferralRecord> {
  const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
  const advocateId = await loyalty.retrieveReferralCodeOwner(input.code)
  if (!advocateId) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, "code: no such referral code")
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: people } = await query.graph({
    entity: "customer",
    fields: ["id", "email"],
    filters: { id: [advocateId, input.customer_id] },
  })
  const referee = (people as CustomerRow[]).find((person) => person.id === input.customer_id)
  const advocate = (people as CustomerRow[]).find((person) => person.id === advocateId)
  if (!referee?.email) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "The customer has no email to claim a referral with")
  }
  const { data: orders } = await query.graph({
    entity: "order",
    fields: ["id"],
    filters: input.first_order_id
      ? { customer_id: referee.id, id: { $ne: input.first_order_id } }
      : { customer_id: referee.id },
    pagination: { take: 1 },
  })
  const { data: sameEmail } = await query.graph({
    entity: "customer",
    fields: ["id"],
    filters: { email: referee.email.toLowerCase(), id: { $ne: referee.id } },
    pagination: { take: 1 },
  })
  return (await loyalty.claimReferral({
    code: input.code,
    referee_customer_id: referee.id,
    referee_email: referee.email,
    advocate_email: advocate?.email ?? null,
    already_customer: orders.length > 0 || sameEmail.length > 0,
  }))!
}
