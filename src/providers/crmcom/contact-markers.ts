/** What the CRM.COM contact sync keeps beside the fields it sent, and its limits. */

/** A token this close to its expiry is refreshed before a contact call uses it. */
export const TOKEN_EXPIRY_MARGIN_MS = 60_000

/**
 * Contact calls refused for their token in a row before the sync stops: the first refusal
 * refreshes the token, the second signs in again with the password, the third stops.
 */
export const MAX_TOKEN_REJECTIONS = 3

// markers kept in `last_sent` next to the fields CRM.COM was sent (CRM.COM's own names)
/** the username CRM.COM answered "already exists" for: sign in once with the held password */
export const EXISTS = "$exists"
/** `{ username, reason }`: the contact needs linking by hand; username null: whatever its email */
export const NEEDS_LINKING = "$needs_linking"

export type Fields = Record<string, unknown>
