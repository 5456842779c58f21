import { actionIdentity, planLoyaltySourceCall, PreviousCall } from "./plan-call"

const PREFIX = "crmcom-loyalty:cus_1"
const join = actionIdentity({ kind: "scheme_sign_up", scheme_id: "S1" })
const leave = actionIdentity({ kind: "scheme_sign_out", scheme_id: "S1" })
const claim = actionIdentity({ kind: "referral_claim", code: "ref123" })

let clock = 0
/** A row of the planned key, created after the ones before it. */
function row(key: string, status: string, in_doubt = false): PreviousCall {
  clock += 1000
  return { id: `del_${clock}`, idempotency_key: key, status, in_doubt, created_at: new Date(clock) }
}
const keyOf = (plan: ReturnType<typeof planLoyaltySourceCall>) => {
  if (!("key" in plan)) {
    throw new Error(`expected a new key, got ${JSON.stringify(plan)}`)
  }
  return plan.key
}

describe("planning a shopper's loyalty write to the platform that keeps the points", () => {
  it("gives the first write a key and answers its retry from the same row while it stands", () => {
    const first = keyOf(planLoyaltySourceCall(PREFIX, join, true, []))
    expect(first).toBe(`${PREFIX}|${join.group}|sign_up|start|0`)
    for (const status of ["pending", "sending", "delivered", "dry_run"]) {
      const sent = row(first, status)
      expect(planLoyaltySourceCall(PREFIX, join, true, [sent])).toEqual({ reuse: sent.id })
    }
  })

  it("tries again under a new key after a failure, and two requests planning at once get the same key", () => {
    const first = keyOf(planLoyaltySourceCall(PREFIX, join, true, []))
    const failed = [row(first, "dead"), row(`${PREFIX}|${join.group}|sign_up|start|1`, "failed")]
    const again = planLoyaltySourceCall(PREFIX, join, true, failed)
    expect(again).toEqual({ key: `${PREFIX}|${join.group}|sign_up|start|2` })
    expect(planLoyaltySourceCall(PREFIX, join, true, failed)).toEqual(again)
  })

  it("makes joining after leaving a new call, and joining twice in a row one call", () => {
    const joined = row(keyOf(planLoyaltySourceCall(PREFIX, join, true, [])), "delivered")
    const left = row(keyOf(planLoyaltySourceCall(PREFIX, leave, true, [joined])), "delivered")
    expect(left.idempotency_key).toBe(`${PREFIX}|${join.group}|sign_out|${joined.id}|0`)
    const rejoin = keyOf(planLoyaltySourceCall(PREFIX, join, true, [joined, left]))
    expect(rejoin).toBe(`${PREFIX}|${join.group}|sign_up|${left.id}|0`)
    const rejoined = row(rejoin, "delivered")
    expect(planLoyaltySourceCall(PREFIX, join, true, [joined, left, rejoined])).toEqual({ reuse: rejoined.id })
  })

  it("does not resend a call that cannot be repeated after an attempt that may have arrived unanswered", () => {
    const first = keyOf(planLoyaltySourceCall(PREFIX, claim, false, []))
    const unanswered = row(first, "dead", true)
    expect(planLoyaltySourceCall(PREFIX, claim, false, [unanswered])).toEqual({ reuse: unanswered.id })
    // a repeatable one (joining sets a state) is sent again
    const joinKey = keyOf(planLoyaltySourceCall(PREFIX, join, true, []))
    expect(planLoyaltySourceCall(PREFIX, join, true, [row(joinKey, "dead", true)])).toEqual({
      key: `${PREFIX}|${join.group}|sign_up|start|1`,
    })
  })

  it("sends a delivered write again once it is older than its freshness (a new sign-up code), not before", () => {
    const closed = actionIdentity({ kind: "scheme_sign_up", scheme_id: "S2", email: "ada@example-corp.com" })
    const sent = row(keyOf(planLoyaltySourceCall(PREFIX, closed, true, [])), "delivered")
    const at = (ms: number) => ({ fresh_for_ms: 60_000, now: new Date(sent.created_at).getTime() + ms })
    expect(planLoyaltySourceCall(PREFIX, closed, true, [sent], at(5_000))).toEqual({ reuse: sent.id })
    expect(planLoyaltySourceCall(PREFIX, closed, true, [sent], at(61_000))).toEqual({
      key: `${PREFIX}|${closed.group}|${closed.fingerprint}|${sent.id}|0`,
    })
  })

  it("keeps secrets and addresses out of the key, and one list of invitations one call whatever its order or case", () => {
    const verify = actionIdentity({ kind: "scheme_verify", scheme_id: "S1", code: "ABCTKN123" })
    expect(verify.fingerprint).not.toContain("ABCTKN123")
    const signUp = actionIdentity({ kind: "scheme_sign_up", scheme_id: "S1", email: "ada@example-corp.com" })
    expect(signUp.fingerprint).not.toContain("ada")
    expect(actionIdentity({ kind: "referral_invitations", emails: ["b@x.com", "A@x.com"] })).toEqual(
      actionIdentity({ kind: "referral_invitations", emails: ["a@x.com", "b@x.com"] })
    )
    expect(actionIdentity({ kind: "referral_claim", code: "ref123" })).toEqual(
      actionIdentity({ kind: "referral_claim", code: "REF123" })
    )
  })
})
