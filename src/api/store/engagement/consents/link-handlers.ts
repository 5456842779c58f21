import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import type EngagementModuleService from "../../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../../provider-api/provider"
import type { LinkAction, LinkClaims } from "../../../../modules/engagement/consents/link-token"
import { applyConsentLinkWorkflow } from "../../../../workflows/consents/workflows/apply-consent-link"
import type { StoreEngagementConsentLinkDescription, StoreEngagementConsentLinkResponse } from "../../../../types/store"
import type { Sent, SentError } from "../../../utils/sent"

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

/**
 * Why the POST of this link would be refused, read without changing anything: the customer does not
 * exist (404) or the link was used (409). (A confirmation link has no GET: its page is the storefront's.) The
 * POST decides again under its locks; this only keeps a GET from inviting a POST that must fail.
 */
async function refusalOf(
  scope: MedusaContainer,
  claims: LinkClaims
): Promise<{ status: 404 | 409; message: string } | null> {
  const engagement = scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  const [[customer], uses] = await Promise.all([
    scope.resolve(Modules.CUSTOMER).listCustomers({ id: claims.c }, { select: ["id"] }),
    engagement.listLinkUses({ nonce: claims.n }, { select: ["id"], take: 1 }),
  ])
  if (!customer) {
    return { status: 404, message: "token: the customer of this link does not exist" }
  }
  if (uses.length) {
    return { status: 409, message: "token: this link has already been used" }
  }
  return null
}

/**
 * GET: says what following the link will do, or why following it would be refused (the answer the
 * POST would give). Never changes anything by itself.
 */
export function describeConsentLink(action: LinkAction) {
  return async (
    req: MedusaRequest<{ token?: string }>,
    res: MedusaResponse<Sent<StoreEngagementConsentLinkDescription> | (SentError & { code: string })>
  ) => {
    const engagement = req.scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const claims = engagement.verifyLinkToken(tokenOf(req), action)
    const refused = await refusalOf(req.scope, claims)
    if (refused?.status === 404) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, refused.message)
    }
    if (refused) {
      res.status(409).json({ type: MedusaError.Types.CONFLICT, code: "invalid_state_error", message: refused.message })
      return
    }
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
