import { applyConsentLink } from "../link-handlers"

/** POST /store/engagement/consents/confirm {token}: double opt-in confirmation, works once. */
export const POST = applyConsentLink("confirm")
