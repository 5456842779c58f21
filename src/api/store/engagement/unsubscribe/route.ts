import { applyConsentLink, describeConsentLink } from "../consents/link-handlers"

/** GET /store/engagement/unsubscribe?token=: what the link will do; changes nothing. */
export const GET = describeConsentLink("unsubscribe")

/** POST /store/engagement/unsubscribe?token= (or {token}): unsubscribes, once, without login. */
export const POST = applyConsentLink("unsubscribe")
