import type { MedusaResponse } from "@medusajs/framework/http"
import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import type { SourceRewardScheme } from "../../../../provider-api/loyalty-source"
import { loyaltyOf } from "../../../utils/loyalty"
import { loyaltySourceOf } from "../../../../workflows/loyalty-source/utils/loyalty-source"
import type { SentError } from "../../../utils/sent"

/** The configured schemes as a shopper sees them, each with whether they joined. */
export async function rewardSchemesOf(scope: MedusaContainer, customerId: string) {
  const loyalty = loyaltyOf(scope)
  const joined = new Set(await loyalty.listMemberSchemeIds(customerId))
  return (await loyalty.effectiveOptions()).schemes.list.map((scheme) => ({
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

/** A refusal until `retry_at`: 429 with `Retry-After` (seconds) and the time in the message and the body. */
export type RetryLater = SentError & { reason: string; retry_at: Date; tries_left?: number | null }

/** Answers 429 until `retryAt`, naming the field and saying when the shopper may try again. */
export function answerRetryLater(
  res: MedusaResponse<RetryLater>,
  input: { field: string; why: string; reason: string; retry_at: Date | string; tries_left?: number | null }
) {
  // a workflow's result may carry the date as its ISO string
  const retryAt = new Date(input.retry_at)
  res.setHeader("Retry-After", String(Math.max(1, Math.ceil((retryAt.getTime() - Date.now()) / 1000))))
  res.status(429).json({
    type: "not_allowed",
    code: input.reason,
    message: `${input.field}: ${input.why}; try again after ${retryAt.toISOString()}`,
    reason: input.reason,
    retry_at: retryAt,
    ...(input.tries_left === undefined ? {} : { tries_left: input.tries_left }),
  })
}
