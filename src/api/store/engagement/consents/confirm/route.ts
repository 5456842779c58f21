import { applyConsentLink } from "../../../../utils/consent-links"

/** POST /store/engagement/consents/confirm {token}: double opt-in confirmation, works once. */
export const POST = applyConsentLink("confirm")
