import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"

/**
 * Why an address must not get a referral invitation, by address (lower case): it withdrew
 * `email_marketing` from the store (any customer record with it), or it already has an account.
 * Reads only.
 */
export async function invitationRefusals(
  container: MedusaContainer,
  addresses: string[]
): Promise<Map<string, string>> {
  const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: known } = await query.graph({
    entity: "customer",
    fields: ["id", "email", "has_account"],
    filters: { email: addresses },
  })
  const refusals = new Map<string, string>()
  for (const email of addresses) {
    const records = (known as { id: string; email: string; has_account: boolean }[]).filter(
      (row) => row.email.toLowerCase() === email
    )
    let reason: string | null = null
    for (const record of records) {
      const consents = await engagement.getCurrentConsents(record.id)
      if (consents.some((consent) => consent.purpose === "email_marketing" && consent.value === "False")) {
        reason = "unsubscribed"
      }
    }
    reason ??= records.some((record) => record.has_account) ? "already_customer" : null
    if (reason) {
      refusals.set(email, reason)
    }
  }
  return refusals
}
