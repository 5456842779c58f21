import { AnsweredError } from "../../../utils/answered-error"
import { platformFailureAnswer } from "../../../provider-api/platform-failure"
import type {
  LoyaltySourceActionKind,
  LoyaltySourceCall,
  LoyaltySourceOutcome,
} from "../../../provider-api/loyalty-source-writes"

/** What each write is, as a 424 names what failed. */
export const WHAT: Record<LoyaltySourceActionKind, string> = {
  scheme_sign_up: "reward scheme sign-up",
  scheme_verify: "reward scheme sign-up verification",
  scheme_sign_out: "reward scheme sign-out",
  referral_claim: "referral claim",
  referral_invitations: "referral invitations",
  auto_spend: "automatic spend preference",
}

/**
 * The error a finished write that did not go through is answered with: 400 naming the field the
 * platform refused (with its reason, and `refused_extras` such as `tries_left`), 409 while the
 * contact is not on it, 424 naming it when it refuses the store or does not answer.
 */
export function outcomeError(
  outcome: Exclude<LoyaltySourceOutcome, { kind: "done" }>,
  write: { name: string; kind: LoyaltySourceActionKind; call: LoyaltySourceCall },
  refusedExtras: Record<string, unknown>
): AnsweredError {
  const { name } = write
  const what = WHAT[write.kind]
  switch (outcome.kind) {
    case "refused":
      return new AnsweredError({
        status: 400,
        body: { type: "invalid_data", message: outcome.message, reason: outcome.reason, ...refusedExtras },
      })
    case "not_synced":
      return new AnsweredError({
        status: 409,
        body: {
          type: "conflict",
          message: `loyalty: your contact is not on ${name} yet (or its session is being renewed); try again shortly`,
        },
      })
    case "store_refused":
      return new AnsweredError(
        platformFailureAnswer({
          type: "platform_error",
          message: `loyalty: ${name} refused the store's ${what}; the store's ${name} settings need attention`,
          platform: name,
          failed: what,
        })
      )
    case "unavailable":
      return new AnsweredError(
        platformFailureAnswer({
          type: "platform_unavailable",
          message:
            outcome.in_doubt && !write.call.repeatable
              ? `loyalty: ${name} did not answer the ${what} in time; it may have arrived, so it is not sent again: look again shortly`
              : `loyalty: ${name} did not answer the ${what}; try again later`,
          platform: name,
          failed: what,
        })
      )
  }
}
