import { createHmac, randomInt, timingSafeEqual } from "crypto"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"
import { runSql } from "../../../utils/sql"
import type { SchemeOptions } from "../options"
import { postEntries, PostEntriesContext } from "./post-entries"
import { AttemptLimits, lockAttempts, nextAttemptAt, nextTryAt, recordAttempt, HOUR } from "./scheme-attempts"

export type { AttemptLimits }

export const VERIFY_OUTCOMES = [
  "verified",
  "no_code",
  "expired",
  "too_many_tries",
  "wrong_code",
  "rate_limited",
] as const
export type VerifyOutcome = (typeof VERIFY_OUTCOMES)[number]

/** A six-digit code. */
export function newVerificationCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0")
}

/**
 * The code as kept: an HMAC with the server's `schemes.code_secret`, bound to the verification row
 * (one row's hash says nothing of another's), so the 10⁶ codes cannot be tried offline from a dump.
 */
export function hashVerificationCode(secret: string, verificationId: string, code: string): string {
  return createHmac("sha256", secret).update(`${verificationId}:${code}`).digest("hex")
}

export async function memberSchemeIds(manager: SqlEntityManager, customerId: string): Promise<string[]> {
  const rows = await runSql<{ scheme_id: string }>(
    manager,
    `SELECT scheme_id FROM loyalty_scheme_membership WHERE customer_id = ? AND deleted_at IS NULL`,
    [customerId]
  )
  return rows.map((row) => row.scheme_id)
}

/**
 * Makes the customer a member (no-op when they are one) and, the first time ever, gives the
 * scheme's sign-up bonus (keyed per scheme and customer, so leaving and joining again gives none).
 */
export async function joinScheme(
  manager: SqlEntityManager,
  input: { customer_id: string; scheme: SchemeOptions; email: string | null },
  context: PostEntriesContext
) {
  const inserted = await runSql<{ id: string }>(
    manager,
    `INSERT INTO loyalty_scheme_membership (id, customer_id, scheme_id, email, created_at, updated_at)
     VALUES (?, ?, ?, ?, now(), now())
     ON CONFLICT (customer_id, scheme_id) WHERE deleted_at IS NULL DO NOTHING
     RETURNING id`,
    [generateEntityId(undefined, "loysm"), input.customer_id, input.scheme.id, input.email]
  )
  const posted =
    input.scheme.signup_bonus > 0
      ? await postEntries(
          manager,
          [
            {
              customer_id: input.customer_id,
              type: "scheme_bonus",
              points: input.scheme.signup_bonus,
              idempotency_key: `scheme_bonus:${input.scheme.id}:${input.customer_id}`,
              reason: `joined ${input.scheme.name}`,
              metadata: { scheme_id: input.scheme.id },
            },
          ],
          context
        )
      : { results: [], tier_changes: [] }
  return { membership_id: inserted[0]?.id ?? null, results: posted.results, tier_changes: posted.tier_changes }
}

/** Ends the membership; returns its id (null when the customer was not a member). */
export async function leaveScheme(
  manager: SqlEntityManager,
  customerId: string,
  schemeId: string
): Promise<string | null> {
  const rows = await runSql<{ id: string }>(
    manager,
    `UPDATE loyalty_scheme_membership SET deleted_at = now(), updated_at = now()
      WHERE customer_id = ? AND scheme_id = ? AND deleted_at IS NULL
      RETURNING id`,
    [customerId, schemeId]
  )
  return rows[0]?.id ?? null
}

/** Brings a membership ended by {@link leaveScheme} back (its undo). */
export async function restoreMembership(manager: SqlEntityManager, membershipId: string): Promise<void> {
  await runSql(manager, `UPDATE loyalty_scheme_membership SET deleted_at = NULL, updated_at = now() WHERE id = ?`, [
    membershipId,
  ])
}

export type StartedVerification =
  | { id: string; code: string; attempt_id: string; replaced_ids: string[]; refused: null; retry_at: null }
  | {
      id: null
      code: null
      attempt_id: null
      replaced_ids: string[]
      refused: "too_many_tries" | "too_many_codes"
      retry_at: Date
    }

/**
 * Starts (or replaces) the customer's verification for a scheme; returns the plain code to send.
 * Refused, with when to come back, while the shopper has used up their tries for the scheme (a
 * new code gives no new tries) or the address has had its codes for the hour.
 */
export async function startVerification(
  manager: SqlEntityManager,
  input: {
    customer_id: string
    scheme_id: string
    email: string
    expires_at: Date
    secret: string
    now: Date
    limits: AttemptLimits
  }
): Promise<StartedVerification> {
  await lockAttempts(manager, `${input.customer_id}:${input.scheme_id}`)
  await lockAttempts(manager, input.email)
  const tryAt = await nextTryAt(manager, input)
  if (tryAt) {
    return { id: null, code: null, attempt_id: null, replaced_ids: [], refused: "too_many_tries", retry_at: tryAt }
  }
  const sendAt = await nextAttemptAt(
    manager,
    { sql: `kind = 'send' AND email = ?`, params: [input.email] },
    [[HOUR, input.limits.codes_per_address_per_hour]],
    input.now
  )
  if (sendAt) {
    return { id: null, code: null, attempt_id: null, replaced_ids: [], refused: "too_many_codes", retry_at: sendAt }
  }
  const replaced = await runSql<{ id: string }>(
    manager,
    `UPDATE loyalty_scheme_verification SET deleted_at = now(), updated_at = now()
      WHERE customer_id = ? AND scheme_id = ? AND deleted_at IS NULL
      RETURNING id`,
    [input.customer_id, input.scheme_id]
  )
  const id = generateEntityId(undefined, "loysv")
  const code = newVerificationCode()
  await runSql(
    manager,
    `INSERT INTO loyalty_scheme_verification (id, customer_id, scheme_id, email, code_hash, expires_at, tries, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 0, now(), now())`,
    [
      id,
      input.customer_id,
      input.scheme_id,
      input.email,
      hashVerificationCode(input.secret, id, code),
      input.expires_at,
    ]
  )
  const attemptId = await recordAttempt(manager, { ...input, kind: "send" })
  return {
    id,
    code,
    attempt_id: attemptId,
    replaced_ids: replaced.map((row) => row.id),
    refused: null,
    retry_at: null,
  }
}

/**
 * Checks a code under a lock on the shopper's attempts at the scheme and on its verification row:
 * counted as a try whether right or wrong (per code, and per shopper and scheme across codes),
 * refused once expired, used, or out of tries; while the shopper's tries for the hour or the day
 * are used up, refused with when to come back. Right, the code is used up and the email returned.
 */
export async function checkVerification(
  manager: SqlEntityManager,
  input: {
    customer_id: string
    scheme_id: string
    code: string
    now: Date
    max_tries: number
    secret: string
    limits: AttemptLimits
  }
): Promise<{ outcome: VerifyOutcome; email: string | null; tries_left: number; retry_at: Date | null }> {
  await lockAttempts(manager, `${input.customer_id}:${input.scheme_id}`)
  const [row] = await runSql<{ id: string; email: string; code_hash: string; expires_at: Date; tries: number }>(
    manager,
    `SELECT id, email, code_hash, expires_at, tries FROM loyalty_scheme_verification
      WHERE customer_id = ? AND scheme_id = ? AND used_at IS NULL AND deleted_at IS NULL
        FOR UPDATE`,
    [input.customer_id, input.scheme_id]
  )
  if (!row) {
    return { outcome: "no_code", email: null, tries_left: 0, retry_at: null }
  }
  const tryAt = await nextTryAt(manager, input)
  if (tryAt) {
    return { outcome: "rate_limited", email: null, tries_left: 0, retry_at: tryAt }
  }
  if (row.tries >= input.max_tries) {
    return { outcome: "too_many_tries", email: null, tries_left: 0, retry_at: null }
  }
  if (new Date(row.expires_at).getTime() <= input.now.getTime()) {
    return { outcome: "expired", email: null, tries_left: input.max_tries - row.tries, retry_at: null }
  }
  const right = timingSafeEqual(
    Buffer.from(hashVerificationCode(input.secret, row.id, input.code)),
    Buffer.from(row.code_hash)
  )
  await runSql(
    manager,
    `UPDATE loyalty_scheme_verification SET tries = tries + 1, used_at = ?, updated_at = now() WHERE id = ?`,
    [right ? input.now : null, row.id]
  )
  await recordAttempt(manager, { ...input, email: row.email, kind: "try" })
  const triesLeft = input.max_tries - row.tries - 1
  return right
    ? { outcome: "verified", email: row.email, tries_left: triesLeft, retry_at: null }
    : { outcome: "wrong_code", email: null, tries_left: triesLeft, retry_at: null }
}
