import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import type EngagementModuleService from "../../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../../modules/engagement/types"
import { updateShopperProfileWorkflow } from "../../../../workflows/contacts/workflows/update-shopper-profile"
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
  try {
    return await engagement.createContactProfiles({
      customer_id: customerId,
      email: customer.email,
      phone: customer.phone?.replace(/\s+/g, "") || null,
      first_name: customer.first_name,
      last_name: customer.last_name,
    })
  } catch (error) {
    // the customer.created subscriber made it meanwhile (one profile per customer: a unique index)
    const [made] = await engagement.listContactProfiles({ customer_id: customerId })
    if (!made) {
      throw error
    }
    return made
  }
}

const view = (profile: Record<string, unknown>) => Object.fromEntries(SHOPPER_FIELDS.map((field) => [field, profile[field]]))

/** GET /store/engagement/profile: the signed-in shopper's own profile with purchase statistics. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ profile: view(await profileOf(req.scope, req.auth_context.actor_id)) })
}

/**
 * POST /store/engagement/profile: the shopper changes the editable fields of their own profile;
 * names and phone change on their Medusa customer too. A phone of another contact is a 409.
 */
export const POST = async (req: AuthenticatedMedusaRequest<StoreUpdateProfileType>, res: MedusaResponse) => {
  // a conflict's 409 keeps its message through the plugin's error handler (src/api/utils/error-handler.ts)
  const { result: profileId } = await updateShopperProfileWorkflow(req.scope).run({
    input: { customer_id: req.auth_context.actor_id, profile: req.validatedBody },
  })
  const engagement = req.scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  res.json({ profile: view(await engagement.retrieveContactProfile(profileId)) })
}
