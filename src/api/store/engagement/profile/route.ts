import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import type EngagementModuleService from "../../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../../modules/engagement/types"
import type { StoreUpdateProfileType } from "./validators"

const SHOPPER_FIELDS = [
  "email",
  "phone",
  "first_name",
  "last_name",
  "date_of_birth",
  "gender",
  "custom_attributes",
  "total_spent",
  "order_count",
  "return_count",
  "average_order_value",
  "first_order_at",
  "last_order_at",
  "currency_code",
] as const

/** The shopper's profile; made from their customer record the first time it is asked for. */
async function profileOf(scope: MedusaContainer, customerId: string) {
  const engagement = scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  const [existing] = await engagement.listContactProfiles({ customer_id: customerId })
  if (existing) {
    return existing
  }
  const customer = await scope.resolve(Modules.CUSTOMER).retrieveCustomer(customerId)
  return await engagement.createContactProfiles({
    customer_id: customerId,
    email: customer.email,
    phone: customer.phone?.replace(/\s+/g, "") || null,
    first_name: customer.first_name,
    last_name: customer.last_name,
  })
}

const view = (profile: Record<string, unknown>) => Object.fromEntries(SHOPPER_FIELDS.map((field) => [field, profile[field]]))

/** GET /store/engagement/profile: the signed-in shopper's own profile with purchase statistics. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ profile: view(await profileOf(req.scope, req.auth_context.actor_id)) })
}

/** POST /store/engagement/profile: the shopper changes the editable fields of their own profile. */
export const POST = async (req: AuthenticatedMedusaRequest<StoreUpdateProfileType>, res: MedusaResponse) => {
  const engagement = req.scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  const profile = await profileOf(req.scope, req.auth_context.actor_id)
  const { date_of_birth, custom_attributes, ...fields } = req.validatedBody
  const updated = await engagement.updateContactProfiles({
    id: profile.id,
    ...fields,
    ...(date_of_birth ? { date_of_birth: new Date(`${date_of_birth}T00:00:00Z`) } : {}),
    ...(custom_attributes
      ? { custom_attributes: { ...(profile.custom_attributes as Record<string, string>), ...custom_attributes } }
      : {}),
  })
  res.json({ profile: view(updated) })
}
