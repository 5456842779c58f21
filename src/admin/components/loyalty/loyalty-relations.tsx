import { Badge, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import type { AdminLoyaltyReferral, AdminLoyaltySummary } from "../../lib/loyalty-types"
import { dateOf, labelOf } from "../contact/format"

const STATUS_COLOR = { claimed: "blue", awarded: "green", reversed: "orange", refused: "grey" } as const

const ReferralStatus = ({ referral }: { referral: AdminLoyaltyReferral }) => (
  <Badge size="2xsmall" color={STATUS_COLOR[referral.status]}>
    {referral.refusal_reason ? `refused: ${labelOf(referral.refusal_reason)}` : referral.status}
  </Badge>
)

const Label = ({ children }: { children: string }) => (
  <Text size="xsmall" className="text-ui-fg-muted">
    {children}
  </Text>
)

/** Referrals the customer made and received, and the reward schemes they joined. */
export const LoyaltyRelations = ({ summary }: { summary: AdminLoyaltySummary }) => {
  const referrals = summary.referrals
  const schemes = summary.schemes ?? []
  if (!referrals && !schemes.length) {
    return null
  }
  return (
    <div className="flex flex-col gap-y-3 px-6 py-4" data-testid="loyalty-relations">
      <div className="flex flex-col gap-y-1">
        <Label>{`Referrals made (${referrals?.made_count ?? 0})`}</Label>
        {referrals?.made.map((referral) => (
          <div key={referral.id} className="flex items-center gap-x-2">
            <Text size="small">
              <Link to={`/customers/${referral.referee_customer_id}`} className="text-ui-fg-interactive">
                {referral.referee_email}
              </Link>
              {` · ${dateOf(referral.created_at)}`}
            </Text>
            <ReferralStatus referral={referral} />
          </div>
        ))}
      </div>
      <div className="flex flex-col gap-y-1">
        <Label>Referred by</Label>
        {referrals?.received ? (
          <div className="flex items-center gap-x-2">
            <Text size="small">
              <Link to={`/customers/${referrals.received.advocate_customer_id}`} className="text-ui-fg-interactive">
                {`code ${referrals.received.code}`}
              </Link>
              {` · ${dateOf(referrals.received.created_at)}`}
            </Text>
            <ReferralStatus referral={referrals.received} />
          </div>
        ) : (
          <Text size="small">—</Text>
        )}
      </div>
      <div className="flex flex-col gap-y-1">
        <Label>Reward schemes</Label>
        {schemes.length ? (
          schemes.map((scheme) => (
            <Text key={scheme.id} size="small">
              {`${scheme.name}${scheme.email ? ` (${scheme.email})` : ""} · joined ${dateOf(scheme.joined_at)}`}
            </Text>
          ))
        ) : (
          <Text size="small">—</Text>
        )}
      </div>
    </div>
  )
}
