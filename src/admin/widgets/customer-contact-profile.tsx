import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Container, Heading, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { ConsentHistory, CurrentConsents } from "../components/contact/contact-consents"
import { ContactIdentity } from "../components/contact/contact-identity"
import { ContactPlatforms } from "../components/contact/contact-platforms"
import { ContactStatistics, SegmentBadge } from "../components/contact/contact-statistics"
import { CustomerPrivacyActions, ErasureNotice } from "../components/contact/customer-privacy"
import { useErasure } from "../hooks/api/customer-actions"
import { useContact } from "../hooks/api/engagement"
import { SectionError, SectionSkeleton } from "../components/engagement-page/section-state"

const Part = ({ title, children }: { title: string; children: ReactNode }) => (
  <div className="flex flex-col">
    <Text size="small" weight="plus" className="px-6 pt-4">
      {title}
    </Text>
    {children}
  </div>
)

/**
 * Customer page: the customer's contact profile, purchase statistics, consents and platforms, with
 * Export and Erase; after an erasure, when and by whom, and what each platform still holds.
 */
const CustomerContactProfileWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const { data: contact, isLoading: contactLoading, error: contactError, refetch } = useContact(customer.id)
  const erasure = useErasure(customer.id)
  const isLoading = contactLoading || erasure.isLoading
  const error = contactError ?? erasure.error

  return (
    <Container className="divide-y p-0">
      <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
        <div className="flex items-center gap-x-2">
          <Heading level="h2">Contact profile</Heading>
          {contact && <SegmentBadge segment={contact.rfm_segment} />}
        </div>
        {!isLoading && (
          <div className="flex items-center gap-x-2">
            <CustomerPrivacyActions
              customer={{ id: customer.id, email: customer.email ?? null }}
              canExport={!!contact}
              erased={!!erasure.data}
            />
          </div>
        )}
      </div>
      {isLoading && <SectionSkeleton rows={4} />}
      {error && <SectionError error={error} onRetry={() => Promise.all([refetch(), erasure.refetch()])} />}
      {erasure.data && <ErasureNotice erasure={erasure.data} />}
      {contact === null && !erasure.data && !erasure.isLoading && (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          No contact profile yet: one is made with the customer's first order, consent or profile change.
        </Text>
      )}
      {contact && (
        <>
          <ContactIdentity contact={contact} />
          <Part title="Purchases">
            <ContactStatistics contact={contact} />
          </Part>
          <Part title="Consents">
            <div className="pt-2">
              <CurrentConsents consents={contact.consents} />
            </div>
          </Part>
          <Part title="Consent history">
            <ConsentHistory history={contact.consent_history} more={contact.consent_history_more} />
          </Part>
          {!!contact.sync?.length && (
            <Part title="Platforms">
              <ContactPlatforms contactId={contact.id} sync={contact.sync} />
            </Part>
          )}
        </>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details.after",
})

export default CustomerContactProfileWidget
