import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"

export type ContactKey = "email" | "phone" | "crm_id"

/** What one write would give one contact: its identifiers, each with the request field it came from. */
export interface ContactClaim {
  /** the contact's Medusa customer; null for a contact still to be created */
  customer_id: string | null
  values: Partial<Record<ContactKey, { value: string; field: string }>>
}

/**
 * Refuses, with a 409 naming the field, an email, phone or CRM id that would then belong to two
 * contacts: one another contact holds, or one two claims of the same request share. A value the
 * contact already holds is no new claim (older data may hold it twice; this write adds nothing).
 */
export async function ensureContactValuesFree(container: MedusaContainer, claims: ContactClaim[]): Promise<void> {
  const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  const customers = container.resolve(Modules.CUSTOMER)
  const seen = new Map<string, { field: string; customer_id: string | null }>()
  for (const claim of claims) {
    for (const [key, claimed] of Object.entries(claim.values) as [ContactKey, { value: string; field: string }][]) {
      const value = key === "email" ? claimed.value.toLowerCase() : claimed.value
      const earlier = seen.get(`${key}:${value}`)
      if (earlier && (earlier.customer_id === null || earlier.customer_id !== claim.customer_id)) {
        throw new MedusaError(
          MedusaError.Types.CONFLICT,
          `${claimed.field}: the same ${key} is given to another contact in ${earlier.field}`
        )
      }
      seen.set(`${key}:${value}`, { field: claimed.field, customer_id: claim.customer_id })

      const holders = new Set(
        (await engagement.listContactProfiles({ [key]: value }, { select: ["customer_id"] })).map((p) => p.customer_id)
      )
      if (key === "email") {
        ;(await customers.listCustomers({ email: value }, { select: ["id"] })).forEach((customer) =>
          holders.add(customer.id)
        )
      }
      if (claim.customer_id && holders.has(claim.customer_id)) {
        continue
      }
      if ([...holders].some((holder) => holder !== claim.customer_id)) {
        // the holder is not named: a shopper must not learn another customer's id
        throw new MedusaError(MedusaError.Types.CONFLICT, `${claimed.field}: this ${key} belongs to another contact`)
      }
    }
  }
}
