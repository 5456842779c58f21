import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type EngagementModuleService from "../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../modules/engagement/types"
import type { LinkAction } from "../../modules/engagement/consents/link-token"
import { applyConsentLinkWorkflow } from "../../workflows/consents/workflows/apply-consent-link"
import type { StoreEngagementConsentLinkDescription, StoreEngagementConsentLinkResponse } from "../../types/store"
import type { Sent, SentError } from "./sent"

/**
 * The token of a link, from the validated query string (one-click POST, GET) or JSON body: the
 * routes' middlewares (ConsentLinkQuery / StoreConsentLinkBody / ConsentLinkBody) checked both.
 */
function tokenOf(req: MedusaRequest<{ token?: string }>): string {
  const query = (req.validatedQuery ?? {}) as { token?: string }
  const token = req.validatedBody?.token || query.token
  if (!token) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "token: required (query string or body)")
  }
  return token
}

/** GET: says what following the link will do. Never changes anything by itself. */
export function describeConsentLink(action: LinkAction) {
  return async (
    req: MedusaRequest<{ token?: string }>,
    res: MedusaResponse<Sent<StoreEngagementConsentLinkDescription>>
  ) => {
    const engagement = req.scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const claims = engagement.verifyLinkToken(tokenOf(req), action)
    res.json({
      action,
      purpose: claims.p,
      expires_at: new Date(claims.e * 1000).toISOString(),
      effect:
        action === "unsubscribe"
          ? `POST to this address to stop ${claims.p.replace(/_/g, " ")}`
          : `POST to this address to confirm ${claims.p.replace(/_/g, " ")}`,
    })
  }
}

/**
 * POST: applies the link once (RFC 8058 one-click for unsubscribe links). A used link, or a
 * confirmation a later choice has replaced, answers 409 with its reason: Medusa's error handler
 * would replace a conflict's message with a generic "retry with an Idempotency-Key", which is
 * exactly what the shopper must not do.
 */
export function applyConsentLink(action: LinkAction) {
  return async (
    req: MedusaRequest<{ token?: string }>,
    res: MedusaResponse<Sent<StoreEngagementConsentLinkResponse> | (SentError & { code: string })>
  ) => {
    const { result, errors } = await applyConsentLinkWorkflow(req.scope).run({
      input: { token: tokenOf(req), action, ip: req.ip ?? null, user_agent: req.get("user-agent") ?? null },
      throwOnError: false,
    })
    const error = errors[0]?.error as (Error & { type?: string }) | undefined
    if (error?.type === MedusaError.Types.CONFLICT) {
      res.status(409).json({ type: error.type, code: "invalid_state_error", message: error.message })
      return
    }
    if (error) {
      throw error
    }
    // an unsubscribe from a purpose that is off already writes no row: the answer is its state
    const [state] = result.current
    res.json({ purpose: state.purpose, value: state.value, recorded_at: state.recorded_at })
  }
}
