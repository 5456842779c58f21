/**
 * The lock keys of a contact's identifiers. Every write of a contact's identity holds the keys of
 * the values it reads or writes, so two writers of one email, phone, CRM id or customer serialise.
 */
export interface ContactLockSubjects {
  customer_ids?: (string | null | undefined)[]
  emails?: (string | null | undefined)[]
  phones?: (string | null | undefined)[]
  crm_ids?: (string | null | undefined)[]
}

const PREFIX = "engagement:contact"

/** Sorted and without duplicates: every writer takes its keys in the same order. */
export function contactLockKeys(subjects: ContactLockSubjects): string[] {
  const keys = [
    ...(subjects.customer_ids ?? []).filter(Boolean).map((id) => `${PREFIX}:customer:${id}`),
    ...(subjects.emails ?? []).filter(Boolean).map((email) => `${PREFIX}:email:${email!.toLowerCase()}`),
    ...(subjects.phones ?? []).filter(Boolean).map((phone) => `${PREFIX}:phone:${phone}`),
    ...(subjects.crm_ids ?? []).filter(Boolean).map((crmId) => `${PREFIX}:crm:${crmId}`),
  ]
  return [...new Set(keys)].sort()
}
