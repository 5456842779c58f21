import { applyConsentLink, describeConsentLink } from "../../store/engagement/consents/link-handlers"

/**
 * The same as /store/engagement/unsubscribe, outside /store: a mail client following an email's
 * List-Unsubscribe link (RFC 8058 one-click POST) cannot send a publishable API key header.
 */
export const GET = describeConsentLink("unsubscribe")
export const POST = applyConsentLink("unsubscribe")
