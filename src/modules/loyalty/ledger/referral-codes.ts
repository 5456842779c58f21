import { randomBytes } from "crypto"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"
import { runSql } from "../../../utils/sql"

// Referral codes: one per customer, made when the customer is created (or by the backfill).
// Raw SQL for the insert that lets the unique index decide a race, and for the row lock that
// serialises an advocate's claims.

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

/** A code of 8 characters without look-alikes (0/O, 1/I): 32⁸ ≈ 10¹² codes. */
export function newReferralCode(): string {
  return [...randomBytes(8)].map((byte) => CODE_ALPHABET[byte % CODE_ALPHABET.length]).join("")
}

/**
 * The address as one mailbox: lower-case, and in the local part the dots and a `+tag` removed
 * (`A.da+shop@Example.com` → `ada@example.com`), so one person's variants compare equal.
 */
export function normaliseEmail(email: string): string {
  const trimmed = email.trim().toLowerCase()
  const at = trimmed.lastIndexOf("@")
  if (at < 0) {
    return trimmed
  }
  const local = trimmed.slice(0, at).split("+")[0].replace(/\./g, "")
  return `${local}@${trimmed.slice(at + 1)}`
}

/** The customer's code, or null when none was made for them yet (a read, never a write). */
export async function readReferralCode(manager: SqlEntityManager, customerId: string): Promise<string | null> {
  const [existing] = await runSql<{ code: string }>(
    manager,
    `SELECT code FROM loyalty_referral_code WHERE customer_id = ? AND deleted_at IS NULL`,
    [customerId]
  )
  return existing?.code ?? null
}

/**
 * Gives each customer without a code one; returns the ids of the rows it made (a customer who
 * has one, or gets one from a concurrent maker, is left alone; a code collision retries).
 */
export async function createReferralCodes(manager: SqlEntityManager, customerIds: string[]): Promise<string[]> {
  const created: string[] = []
  for (const customerId of new Set(customerIds)) {
    for (let attempt = 0; ; attempt++) {
      if (attempt === 5) {
        throw new Error(`Could not make a referral code for customer ${customerId}`)
      }
      const rows = await runSql<{ id: string }>(
        manager,
        `INSERT INTO loyalty_referral_code (id, customer_id, code, created_at, updated_at)
         VALUES (?, ?, ?, now(), now())
         ON CONFLICT DO NOTHING
         RETURNING id`,
        [generateEntityId(undefined, "loyrc"), customerId, newReferralCode()]
      )
      if (rows[0]) {
        created.push(rows[0].id)
        break
      }
      if (await readReferralCode(manager, customerId)) {
        break
      }
    }
  }
  return created
}

export async function codeOwner(manager: SqlEntityManager, code: string, lock = false): Promise<string | undefined> {
  const [row] = await runSql<{ customer_id: string }>(
    manager,
    `SELECT customer_id FROM loyalty_referral_code WHERE code = ? AND deleted_at IS NULL${lock ? " FOR UPDATE" : ""}`,
    [code]
  )
  return row?.customer_id
}
