import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"
import { runSql } from "../../../utils/sql"
import type { LoyaltyEntryInput, ReferralRefusal, ReferralStatus } from "../types"
import { postEntries, PostEntriesContext } from "./post-entries"
import { codeOwner, normaliseEmail } from "./referral-codes"

export * from "./referral-codes"

// Raw SQL here for the row locks (the code row serialises an advocate's claims) and the inserts
// that let the partial unique index decide a race.

export interface ReferralRecord {
  id: string
  code: string
  advocate_customer_id: string
  referee_customer_id: string
  referee_email: string
  status: ReferralStatus
  refusal_reason: ReferralRefusal | null
  order_id: string | null
  awarded_at: Date | null
  created_at: Date
}

export interface ClaimInput {
  code: string
  referee_customer_id: string
  referee_email: string
  advocate_email: string | null
  /** the referee's address was a customer's before this account (an order, a guest checkout) */
  already_customer: boolean
  max_claims_per_day: number
  now: Date
}

/** How far up a chain of referrals a claim looks for the claimant (each referee has one referrer). */
export const REFERRAL_CHAIN_DEPTH = 50

/**
 * Decides a claim and records it, accepted or refused with its reason. The advocate's code row
 * is locked first, so the daily cap counts every claim of that code one after the other; the
 * partial unique index on the referee refuses a second accepted claim even from a racing request.
 * Claims also take one transaction lock shared by every claim: A claiming B's code while B claims
 * A's are decided one after the other, so the second sees the first and is refused as circular.
 */
export async function claimReferral(manager: SqlEntityManager, input: ClaimInput): Promise<ReferralRecord | null> {
  await runSql(manager, `SELECT pg_advisory_xact_lock(hashtext('engagement_loyalty_referral_claim'))`)
  const advocate = await codeOwner(manager, input.code, true)
  if (!advocate) {
    return null
  }
  const email = normaliseEmail(input.referee_email)
  const refusal = await refusalOf(manager, input, advocate, email)
  if (!refusal) {
    const [accepted] = await runSql<ReferralRecord>(
      manager,
      `INSERT INTO loyalty_referral (id, code, advocate_customer_id, referee_customer_id, referee_email, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'claimed', ?, ?)
       ON CONFLICT (referee_customer_id) WHERE status != 'refused' AND deleted_at IS NULL DO NOTHING
       RETURNING *`,
      [
        generateEntityId(undefined, "loyref"),
        input.code,
        advocate,
        input.referee_customer_id,
        email,
        input.now,
        input.now,
      ]
    )
    if (accepted) {
      return accepted
    }
  }
  const [refused] = await runSql<ReferralRecord>(
    manager,
    `INSERT INTO loyalty_referral (id, code, advocate_customer_id, referee_customer_id, referee_email, status, refusal_reason, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'refused', ?, ?, ?)
     RETURNING *`,
    [
      generateEntityId(undefined, "loyref"),
      input.code,
      advocate,
      input.referee_customer_id,
      email,
      refusal ?? "already_claimed",
      input.now,
      input.now,
    ]
  )
  return refused
}

async function refusalOf(
  manager: SqlEntityManager,
  input: ClaimInput,
  advocate: string,
  email: string
): Promise<ReferralRefusal | null> {
  if (
    advocate === input.referee_customer_id ||
    (input.advocate_email && normaliseEmail(input.advocate_email) === email)
  ) {
    return "self_referral"
  }
  if (await referredBy(manager, advocate, input.referee_customer_id)) {
    return "circular_referral"
  }
  const [claimed] = await runSql(
    manager,
    `SELECT 1 FROM loyalty_referral WHERE referee_customer_id = ? AND status != 'refused' AND deleted_at IS NULL`,
    [input.referee_customer_id]
  )
  if (claimed) {
    return "already_claimed"
  }
  if (input.already_customer) {
    return "already_customer"
  }
  const [referred] = await runSql(
    manager,
    `SELECT 1 FROM loyalty_referral WHERE referee_email = ? AND status != 'refused' AND deleted_at IS NULL`,
    [email]
  )
  if (referred) {
    return "already_referred"
  }
  const [{ count }] = await runSql<{ count: number }>(
    manager,
    `SELECT count(*)::int AS count FROM loyalty_referral
      WHERE advocate_customer_id = ? AND status != 'refused' AND created_at > ? AND deleted_at IS NULL`,
    [advocate, new Date(input.now.getTime() - 86_400_000)]
  )
  return count >= input.max_claims_per_day ? "daily_cap" : null
}

/**
 * Whether `customerId` referred `advocate`, directly or through a chain of accepted referrals
 * (the advocate's referrer, theirs, and so on, at most REFERRAL_CHAIN_DEPTH steps up): a claim of
 * the advocate's code by that customer would pay a circle of referrals twice.
 */
async function referredBy(manager: SqlEntityManager, advocate: string, customerId: string): Promise<boolean> {
  const [found] = await runSql(
    manager,
    `WITH RECURSIVE chain (referrer, depth) AS (
       SELECT advocate_customer_id, 1 FROM loyalty_referral
        WHERE referee_customer_id = ? AND status != 'refused' AND deleted_at IS NULL
       UNION
       SELECT r.advocate_customer_id, c.depth + 1 FROM loyalty_referral r JOIN chain c ON r.referee_customer_id = c.referrer
        WHERE r.status != 'refused' AND r.deleted_at IS NULL AND c.depth < ?
     )
     SELECT 1 FROM chain WHERE referrer = ? LIMIT 1`,
    [advocate, REFERRAL_CHAIN_DEPTH, customerId]
  )
  return !!found
}

export interface ReferralAward {
  referee_customer_id: string
  order_id: string
  advocate_points: number
  referee_points: number
  available_at: Date
  expires_at: Date | null
}

/**
 * Awards the referee's accepted claim on their first order: both sides' `referral` rows, keyed
 * by the referral (so once), carrying the order's id so a cancel can take them back, and the
 * claim marked `awarded`, in the caller's transaction.
 */
export async function awardReferral(manager: SqlEntityManager, award: ReferralAward, context: PostEntriesContext) {
  const [referral] = await runSql<ReferralRecord>(
    manager,
    `SELECT * FROM loyalty_referral
      WHERE referee_customer_id = ? AND status = 'claimed' AND deleted_at IS NULL
        FOR UPDATE`,
    [award.referee_customer_id]
  )
  if (!referral) {
    return null
  }
  const common = {
    type: "referral" as const,
    order_id: award.order_id,
    available_at: award.available_at,
    expires_at: award.expires_at,
    metadata: { referral_id: referral.id },
  }
  const entries: LoyaltyEntryInput[] = [
    {
      ...common,
      customer_id: referral.advocate_customer_id,
      points: award.advocate_points,
      idempotency_key: `referral:${referral.id}:advocate`,
      reason: "referred a new customer",
    },
    {
      ...common,
      customer_id: referral.referee_customer_id,
      points: award.referee_points,
      idempotency_key: `referral:${referral.id}:referee`,
      reason: "joined through a referral",
    },
  ].filter((entry) => entry.points > 0)
  const posted = await postEntries(manager, entries, context)
  await runSql(
    manager,
    `UPDATE loyalty_referral SET status = 'awarded', order_id = ?, awarded_at = ?, updated_at = now() WHERE id = ?`,
    [award.order_id, context.now, referral.id]
  )
  return { referral_id: referral.id, ...posted }
}

/** Takes back what a referral awarded for this (canceled) order, from both sides, once. */
export async function reverseReferralAward(manager: SqlEntityManager, orderId: string, context: PostEntriesContext) {
  const [referral] = await runSql<ReferralRecord>(
    manager,
    `SELECT * FROM loyalty_referral WHERE order_id = ? AND status = 'awarded' AND deleted_at IS NULL FOR UPDATE`,
    [orderId]
  )
  if (!referral) {
    return null
  }
  const rows = await runSql<{ id: string; customer_id: string; points: number; idempotency_key: string }>(
    manager,
    `SELECT id, customer_id, points, idempotency_key FROM loyalty_transaction
      WHERE idempotency_key IN (?, ?) AND deleted_at IS NULL`,
    [`referral:${referral.id}:advocate`, `referral:${referral.id}:referee`]
  )
  const entries: LoyaltyEntryInput[] = rows.map((row) => ({
    customer_id: row.customer_id,
    type: "reverse",
    points: -row.points,
    idempotency_key: `cancel:${row.idempotency_key}`,
    order_id: orderId,
    reason: "referee's first order canceled",
    reverses_transaction_ids: [row.id],
    metadata: { referral_id: referral.id },
  }))
  const posted = await postEntries(manager, entries, context)
  await runSql(manager, `UPDATE loyalty_referral SET status = 'reversed', updated_at = now() WHERE id = ?`, [
    referral.id,
  ])
  return { referral_id: referral.id, ...posted }
}

/** What the advocate's page shows: invitations sent, referees who joined, referees rewarded. */
export async function referralCounts(manager: SqlEntityManager, advocateId: string) {
  const [row] = await runSql<{ invited: number; joined: number; rewarded: number }>(
    manager,
    `SELECT
       (SELECT count(*)::int FROM loyalty_referral_invitation WHERE advocate_customer_id = ? AND deleted_at IS NULL) AS invited,
       (SELECT count(*)::int FROM loyalty_referral WHERE advocate_customer_id = ? AND status != 'refused' AND deleted_at IS NULL) AS joined,
       (SELECT count(*)::int FROM loyalty_referral WHERE advocate_customer_id = ? AND status = 'awarded' AND deleted_at IS NULL) AS rewarded`,
    [advocateId, advocateId, advocateId]
  )
  return row
}

/** Records invitations (one per advocate and address); returns the addresses new to this advocate. */
export async function recordInvitations(
  manager: SqlEntityManager,
  advocateId: string,
  emails: string[]
): Promise<string[]> {
  const fresh: string[] = []
  for (const email of emails) {
    const rows = await runSql(
      manager,
      `INSERT INTO loyalty_referral_invitation (id, advocate_customer_id, email, created_at, updated_at)
       VALUES (?, ?, ?, now(), now())
       ON CONFLICT (advocate_customer_id, email) WHERE deleted_at IS NULL DO NOTHING
       RETURNING id`,
      [generateEntityId(undefined, "loyinv"), advocateId, email]
    )
    if (rows.length) {
      fresh.push(email)
    }
  }
  return fresh
}
