import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import type EngagementModuleService from "../../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../../provider-api/provider"
import type { StoreEngagementProfile, StoreEngagementProfileResponse } from "../../../../types/store"
import { updateShopperProfileWorkflow } from "../../../../workflows/contacts/workflows/update-shopper-profile"
import type { Sent } from "../../../utils/sent"
import type { StoreUpdateProfileType } from "./validators"

type ProfileRow = Awaited<ReturnType<EngagementModuleService["retrieveContactProfile"]>>

const PROFILE_FIELDS = [
  "id",
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
] satisfies (keyof ProfileRow)[]

const view = (profile: ProfileRow): Sent<StoreEngagementProfile> => ({
  email: profile.email,
  phone: profile.phone,
  first_name: profile.first_name,
  last_name: profile.last_name,
  date_of_birth: profile.date_of_birth,
  gender: profile.gender,
  custom_attributes: (profile.custom_attributes ?? {}) as Record<string, string>,
  total_spent: Number(profile.total_spent),
  order_count: profile.order_count,
  return_count: profile.return_count,
  average_order_value: Number(profile.average_order_value),
  first_order_at: profile.first_order_at,
  last_order_at: profile.last_order_at,
  currency_code: profile.currency_code,
})

/**
 * The shopper's profile. A GET never writes: the profile is made on `customer.created` (and by
 * `src/scripts/backfill-contacts.ts` for customers from before the plugin); until it exists the
 * answer comes from the Medusa customer, with no purchases counted yet.
 */
async function profileOf(scope: MedusaContainer, customerId: string): Promise<Sent<StoreEngagementProfile>> {
  const engagement = scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  // only the columns the answer shows (the profile also holds platform ids and sync state)
  const [existing] = await engagement.listContactProfiles(
    { customer_id: customerId },
    { select: PROFILE_FIELDS, take: 1 }
  )
  if (existing) {
    return view(existing)
  }
  const customer = await scope.resolve(Modules.CUSTOMER).retrieveCustomer(customerId)
  return {
    email: customer.email || null,
    phone: customer.phone?.replace(/\s+/g, "") || null,
    first_name: customer.first_name || null,
    last_name: customer.last_name || null,
    date_of_birth: null,
    gender: null,
    custom_attributes: {},
    total_spent: 0,
    order_count: 0,
    return_count: 0,
    average_order_value: 0,
    first_order_at: null,
    last_order_at: null,
    currency_code: null,
  }
}

/** GET /store/engagement/profile: the signed-in shopper's own profile with purchase statistics; reads only. */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<Sent<StoreEngagementProfileResponse>>
) => {
  res.json({ profile: await profileOf(req.scope, req.auth_context.actor_id) })
}

/**
 * POST /store/engagement/profile: the shopper changes the editable fields of their own profile;
 * names and phone change on their Medusa customer too. A phone of another contact is a 409.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<StoreUpdateProfileType>,
  res: MedusaResponse<Sent<StoreEngagementProfileResponse>>
) => {
  // a conflict's 409 keeps its message through the plugin's error handler (src/api/error-handler.ts)
  const { result: profileId } = await updateShopperProfileWorkflow(req.scope).run({
    input: { customer_id: req.auth_context.actor_id, profile: req.validatedBody },
  })
  const engagement = req.scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  res.json({ profile: view(await engagement.retrieveContactProfile(profileId)) })
}
