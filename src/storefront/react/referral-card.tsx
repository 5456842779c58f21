"use client"
import { useId, useState } from "react"
import type { StoreEngagementReferralInvitationsResponse, StoreEngagementReferralResponse } from "../../types"
import { sendReferralInvitations } from "../programme"
import { isAccepted } from "../request"
import { useReferral, useEngagementAction } from "./hooks"

type Invitation = StoreEngagementReferralInvitationsResponse["invitations"][number]

export interface ReferralCardProps {
  /** the referral, when the page has it already (no call is made) */
  referral?: StoreEngagementReferralResponse["referral"]
  className?: string
}

/** Addresses typed by the shopper: separated by commas, semicolons, spaces or lines. */
export const addressesIn = (text: string): string[] => text.split(/[\s,;]+/).filter(Boolean)

/** The shopper's referral code and share link, their counts, and an invite form with a result per address. */
export function ReferralCard({ referral: given, className }: ReferralCardProps) {
  const query = useReferral()
  const referral = given ?? query.data
  const fieldId = useId()
  const [emails, setEmails] = useState("")
  const [results, setResults] = useState<Invitation[] | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const invite = useEngagementAction((sdk, options, to: string[]) => sendReferralInvitations(sdk, to, options))
  if (!referral) {
    return query.error ? <p role="alert">{query.error.message}</p> : null
  }
  return (
    <section className={className} data-engagement="referral-card" aria-label="Refer a friend">
      {referral.code ? (
        <p data-part="code">
          Your code: <strong>{referral.code}</strong>
        </p>
      ) : (
        <p data-part="code">Your code is being made; look again shortly.</p>
      )}
      {referral.url ? (
        <p data-part="link">
          Share: <a href={referral.url}>{referral.url}</a>{" "}
          <button
            type="button"
            onClick={() =>
              navigator.clipboard?.writeText(referral.url!).then(
                () => setNotice("Link copied"),
                () => setNotice("Could not copy the link")
              )
            }
          >
            Copy link
          </button>
        </p>
      ) : null}
      <p data-part="counts">
        {referral.invited} invited, {referral.joined} joined, {referral.rewarded} rewarded
      </p>
      <form
        data-part="invite"
        onSubmit={async (event) => {
          event.preventDefault()
          const answer = await invite.run(addressesIn(emails))
          if (answer && isAccepted(answer)) {
            setNotice(answer.message)
          } else if (answer) {
            setResults(answer.invitations)
            setEmails("")
          }
        }}
      >
        <label htmlFor={fieldId}>Invite friends by email (up to 10)</label>
        <textarea id={fieldId} value={emails} onChange={(event) => setEmails(event.target.value)} rows={2} />
        <button type="submit" disabled={invite.pending || !addressesIn(emails).length}>
          Send invitations
        </button>
      </form>
      <div role="status" aria-live="polite" data-part="results">
        {notice ? <p>{notice}</p> : null}
        {results ? (
          <ul>
            {results.map((result) => (
              <li key={result.email} data-status={result.status}>
                {result.email}: {result.status === "sent" ? "sent" : `not sent (${result.reason ?? "skipped"})`}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <p role="alert" data-part="error">
        {invite.error ? invite.error.message : null}
      </p>
    </section>
  )
}
