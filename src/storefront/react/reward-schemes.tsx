"use client"
import { useId, useState } from "react"
import type { StoreEngagementRewardScheme } from "../../types"
import { signOutOfRewardScheme, signUpForRewardScheme, verifyRewardScheme } from "../programme"
import { isAccepted } from "../request"
import { useEngagementAction, useRewardSchemes } from "./hooks"

export interface RewardSchemesProps {
  /** the schemes, when the page has them already (they are loaded again after a change) */
  schemes?: StoreEngagementRewardScheme[]
  className?: string
}

/** The reward schemes with sign-up, sign-out and, for a closed-loop scheme, the emailed code step. */
export function RewardSchemes({ schemes: given, className }: RewardSchemesProps) {
  const query = useRewardSchemes()
  const schemes = query.data ?? given
  if (!schemes) {
    return query.error ? <p role="alert">{query.error.message}</p> : null
  }
  return (
    <section className={className} data-engagement="reward-schemes" aria-label="Reward schemes">
      <ul>
        {schemes.map((scheme) => (
          <li key={scheme.id} data-scheme={scheme.id} data-joined={scheme.joined}>
            <RewardSchemeItem scheme={scheme} onChange={query.reload} />
          </li>
        ))}
      </ul>
    </section>
  )
}

function RewardSchemeItem({ scheme, onChange }: { scheme: StoreEngagementRewardScheme; onChange: () => void }) {
  const emailId = useId()
  const codeId = useId()
  const [email, setEmail] = useState("")
  const [code, setCode] = useState("")
  const [sentTo, setSentTo] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const signUp = useEngagementAction((sdk, options, address?: string) =>
    signUpForRewardScheme(sdk, scheme.id, address, options)
  )
  const verify = useEngagementAction((sdk, options, value: string) =>
    verifyRewardScheme(sdk, scheme.id, value, options)
  )
  const signOut = useEngagementAction((sdk, options) => signOutOfRewardScheme(sdk, scheme.id, options))
  const error = signUp.error ?? verify.error ?? signOut.error
  const settle = (answer: object | undefined) => {
    if (answer && isAccepted(answer as never)) {
      setNotice((answer as { message: string }).message)
    }
    if (answer) {
      onChange()
    }
  }
  return (
    <article>
      <h3>{scheme.name}</h3>
      <p>{scheme.description}</p>
      {scheme.multiplier !== null ? <p data-part="multiplier">Earn {scheme.multiplier}× points</p> : null}
      {scheme.signup_bonus ? <p data-part="bonus">{scheme.signup_bonus} points for joining</p> : null}
      {scheme.joined ? (
        <button type="button" disabled={signOut.pending} onClick={async () => settle(await signOut.run())}>
          Leave {scheme.name}
        </button>
      ) : sentTo ? (
        <form
          data-part="verify"
          onSubmit={async (event) => {
            event.preventDefault()
            settle(await verify.run(code.trim()))
          }}
        >
          <label htmlFor={codeId}>Code sent to {sentTo}</label>
          <input
            id={codeId}
            value={code}
            onChange={(event) => setCode(event.target.value)}
            autoComplete="one-time-code"
            inputMode="numeric"
          />
          <button type="submit" disabled={verify.pending || !code.trim()}>
            Confirm
          </button>
        </form>
      ) : (
        <form
          data-part="sign-up"
          onSubmit={async (event) => {
            event.preventDefault()
            const answer = await signUp.run(scheme.closed_loop ? email.trim() : undefined)
            if (answer && !isAccepted(answer) && answer.verification) {
              setSentTo(answer.verification.email)
              return
            }
            settle(answer)
          }}
        >
          {scheme.closed_loop ? (
            <>
              <label htmlFor={emailId}>Your {scheme.allowed_domains.join(" or ")} email address</label>
              <input
                id={emailId}
                type="email"
                value={email}
                onChange={(event) => setEmail(event.target.value)}
                autoComplete="email"
              />
            </>
          ) : null}
          <button type="submit" disabled={signUp.pending || (scheme.closed_loop && !email.trim())}>
            Join {scheme.name}
          </button>
        </form>
      )}
      <p role="status" aria-live="polite">
        {notice}
      </p>
      <p role="alert" data-part="error">
        {error ? error.message : null}
      </p>
    </article>
  )
}
