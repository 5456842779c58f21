import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import type { SourceRewardScheme } from "../../../../modules/loyalty/source"
import { loyaltyOf } from "../../../utils/loyalty"
import { loyaltySourceOf } from "../../../utils/loyalty-source"

/** The configured schemes as a shopper sees them, each with whether they joined. */
export async function rewardSchemesOf(scope: MedusaContainer, customerId: string) {
  const loyalty = loyaltyOf(scope)
  const joined = new Set(await loyalty.listMemberSchemeIds(customerId))
  return loyalty.options.schemes.list.map((scheme) => ({
    id: scheme.id,
    name: scheme.name,
    description: scheme.description,
    multiplier: scheme.multiplier,
    signup_bonus: scheme.signup_bonus,
    closed_loop: scheme.allowed_domains.length > 0,
    allowed_domains: scheme.allowed_domains,
    joined: joined.has(scheme.id),
  }))
}

export async function rewardSchemeOf(scope: MedusaContainer, customerId: string, schemeId: string) {
  return (await rewardSchemesOf(scope, customerId)).find((scheme) => scheme.id === schemeId)!
}

/** The scheme the path names, as the platform that keeps the points lists it; 404 when it has none. */
export async function sourceRewardSchemeOf(
  scope: MedusaContainer,
  customerId: string,
  schemeId: string
): Promise<SourceRewardScheme> {
  const schemes = (await loyaltySourceOf(scope)?.rewardSchemes(customerId)) ?? []
  const scheme = schemes.find((candidate) => candidate.id === schemeId)
  if (!scheme) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Reward scheme ${schemeId} was not found`)
  }
  return scheme
}
