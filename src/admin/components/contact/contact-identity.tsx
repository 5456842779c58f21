import { Text } from "@medusajs/ui"
import type { AdminContact } from "../../lib/types"
import { dayOf } from "./format"
import { SectionRow } from "./section-row"
import { TruncatedId } from "../truncated-id"

/** Who the contact is: identity fields, custom attributes and each platform's id for them. */
export const ContactIdentity = ({ contact }: { contact: AdminContact }) => {
  const name = [contact.first_name, contact.last_name].filter(Boolean).join(" ")
  const attributes = Object.entries(contact.custom_attributes ?? {})
  const externalIds = Object.entries(contact.external_ids ?? {})
  return (
    <div className="flex flex-col py-2">
      <SectionRow label="Name" value={name || "—"} />
      <SectionRow label="Email" value={contact.email ?? "—"} />
      <SectionRow label="Phone" value={contact.phone ?? "—"} />
      <SectionRow label="CRM id" value={contact.crm_id ?? "—"} />
      <SectionRow label="Date of birth" value={dayOf(contact.date_of_birth)} />
      <SectionRow label="Gender" value={contact.gender ?? "—"} />
      {contact.language && <SectionRow label="Language" value={contact.language} />}
      {!!attributes.length && (
        <SectionRow
          label="Attributes"
          value={
            <div className="flex flex-col">
              {attributes.map(([name, value]) => (
                <Text key={name} size="small" leading="compact" className="break-words">
                  {name}: {value}
                </Text>
              ))}
            </div>
          }
        />
      )}
      {!!externalIds.length && (
        <SectionRow
          label="Platform ids"
          value={
            <div className="flex min-w-0 flex-col">
              {externalIds.map(([platform, id]) => (
                <Text key={platform} size="small" leading="compact" className="flex min-w-0 gap-x-1">
                  <span className="shrink-0">{platform}:</span> <TruncatedId value={id} />
                </Text>
              ))}
            </div>
          }
        />
      )}
    </div>
  )
}
