import type { ContactSyncer } from "../../provider-api/types"
import type { CrmComOptions } from "./options"
import { plan } from "./contact-plan"
import { settle } from "./contact-settle"

export { consentStateOf, crmComBody, crmComFieldsOf, dateOfBirthOf } from "./contact-fields"
export { MAX_TOKEN_REJECTIONS, TOKEN_EXPIRY_MARGIN_MS } from "./contact-markers"

/**
 * The CRM.COM contact sync: a pure planner (`contact-plan.ts`: the next call from the contact and
 * what CRM.COM has) and settler (`contact-settle.ts`: what an ended call changes); the fields it
 * sends are in `contact-fields.ts`.
 */
export const crmComContactSync: ContactSyncer<CrmComOptions> = { plan, settle }
