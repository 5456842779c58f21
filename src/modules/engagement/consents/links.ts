import { MedusaError } from "@medusajs/framework/utils"
import type { ConsentOptions } from "../options"
import { LinkAction, LinkClaims, signLinkToken, verifyLinkToken } from "./link-token"

/** The signed one-click links of emails (unsubscribe, confirm a double opt-in), with the configured secret and lifetimes. */
export class ConsentLinks {
  constructor(protected readonly consents_: ConsentOptions) {}

  /** A signed link token for an email: unsubscribe from, or confirm, one purpose. */
  sign(args: { customer_id: string; purpose: string; action: LinkAction; request_id?: string }): string {
    const ttl = args.action === "confirm" ? this.consents_.confirmation_ttl : this.consents_.unsubscribe_ttl
    return signLinkToken({ ...args, ttl_ms: ttl }, this.consents_.link_secret)
  }

  /**
   * Verifies a link token: a tampered or malformed one is invalid data, an expired one is not
   * allowed, one for a purpose no longer configured is refused. Changes nothing.
   */
  verify(token: string, action: LinkAction): LinkClaims {
    const result = verifyLinkToken(token, this.consents_.link_secret)
    if (!result.ok) {
      const message =
        result.error === "expired" ? "The link has expired" : "The link is not valid (it was changed or is incomplete)"
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `token: ${message}`)
    }
    if (result.claims.a !== action) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `token: this link is not a ${action} link`)
    }
    if (!this.consents_.purposes[result.claims.p]) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `token: unknown consent purpose ${result.claims.p}`)
    }
    return result.claims
  }
}
