import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../modules/loyalty/types"

export const eraseLoyaltyAccountStepId = "erase-loyalty-account"

export interface EraseLoyaltyInput {
  erasure_id: string
  customer_id: string
  email: string | null
  /** the shopper's personal values: a ledger row's free-text reason holding one is cleared */
  personal_values: string[]
}

type Row = Record<string, unknown> & { id: string }
// the generated create/update methods take the model's fields; the undo rows are exactly rows read from them
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Rows = any[]

/** What the step changed, to put back exactly (its compensation). */
interface LoyaltyUndo {
  accounts: Row[]
  transactions: Row[]
  reservations: Row[]
  referrals: Row[]
  memberships: Row[]
  codes: Row[]
  invitations: Row[]
  verifications: Row[]
  preferences: Row[]
}

const pick = (rows: Row[], keys: string[]) =>
  rows.map((row) => Object.fromEntries([["id", row.id], ...keys.map((key) => [key, row[key]])]))

/**
 * Closes an erased shopper's loyalty account and anonymises its ledger: the account, its ledger
 * rows and reservations move to the pseudonym `erased:<erasure id>` (their points untouched, so
 * `verify-loyalty-ledger` still proves every sum), the account is blocked from spending with the
 * reason "closed", a ledger reason naming the shopper is cleared (and a ledger key naming them becomes
 * `erased:<row id>`), their referrals lose the email, and their referral code, invitations, scheme
 * memberships, verifications and loyalty preferences are deleted.
 */
export const eraseLoyaltyAccountStep = createStep(
  eraseLoyaltyAccountStepId,
  async (input: EraseLoyaltyInput, { container }) => {
    const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    const pseudonym = `erased:${input.erasure_id}`
    const customer = input.customer_id
    const email = input.email?.toLowerCase() ?? null
    const values = input.personal_values.filter((value) => value.length >= 2).map((value) => value.toLowerCase())
    const names = (text: unknown) =>
      typeof text === "string" && values.some((value) => text.toLowerCase().includes(value))

    const [
      accounts,
      transactions,
      reservations,
      advocated,
      referred,
      memberships,
      codes,
      invitations,
      verifications,
      preferences,
    ] = await Promise.all([
      loyalty.listLoyaltyAccounts({ customer_id: customer }),
      loyalty.listLoyaltyTransactions({ customer_id: customer }),
      loyalty.listLoyaltyReservations({ customer_id: customer }),
      loyalty.listLoyaltyReferrals({ advocate_customer_id: customer }),
      loyalty.listLoyaltyReferrals({ referee_customer_id: customer }),
      loyalty.listLoyaltySchemeMemberships({ customer_id: customer }),
      loyalty.listLoyaltyReferralCodes({ customer_id: customer }),
      loyalty.listLoyaltyReferralInvitations({ advocate_customer_id: customer }),
      loyalty.listLoyaltySchemeVerifications({ customer_id: customer }),
      loyalty.listLoyaltyPreferences({ customer_id: customer }),
    ])
    const invitedAs = email ? await loyalty.listLoyaltyReferralInvitations({ email }) : []
    const referrals = [...new Map([...advocated, ...referred].map((row) => [row.id, row])).values()]
    const allInvitations = [...new Map([...invitations, ...invitedAs].map((row) => [row.id, row])).values()]
    const rows = (list: object[]) => list as Row[]

    const undo: LoyaltyUndo = {
      accounts: pick(rows(accounts), ["customer_id", "spending_blocked", "blocked_reason"]),
      transactions: pick(rows(transactions), ["customer_id", "reason", "actor_id", "idempotency_key"]),
      reservations: pick(rows(reservations), ["customer_id"]),
      referrals: pick(rows(referrals), ["advocate_customer_id", "referee_customer_id", "referee_email"]),
      memberships: rows(memberships),
      codes: rows(codes),
      invitations: rows(allInvitations),
      verifications: rows(verifications),
      preferences: rows(preferences),
    }

    if (accounts.length) {
      await loyalty.updateLoyaltyAccounts(
        accounts.map(({ id }) => ({
          id,
          customer_id: pseudonym,
          spending_blocked: true,
          blocked_reason: "closed: the shopper was erased",
        }))
      )
    }
    if (transactions.length) {
      await loyalty.updateLoyaltyTransactions(
        transactions.map((row) => ({
          id: row.id,
          customer_id: pseudonym,
          reason: names(row.reason) ? null : row.reason,
          actor_id: row.actor_id === customer ? null : row.actor_id,
          // e.g. `scheme_bonus:<scheme>:<customer id>`
          idempotency_key: row.idempotency_key.includes(customer) ? `erased:${row.id}` : row.idempotency_key,
        }))
      )
    }
    if (reservations.length) {
      await loyalty.updateLoyaltyReservations(reservations.map(({ id }) => ({ id, customer_id: pseudonym })))
    }
    if (referrals.length) {
      await loyalty.updateLoyaltyReferrals(
        referrals.map((row) => ({
          id: row.id,
          advocate_customer_id: row.advocate_customer_id === customer ? pseudonym : row.advocate_customer_id,
          referee_customer_id: row.referee_customer_id === customer ? pseudonym : row.referee_customer_id,
          referee_email: row.referee_customer_id === customer ? pseudonym : row.referee_email,
        }))
      )
    }
    await Promise.all([
      memberships.length ? loyalty.deleteLoyaltySchemeMemberships(memberships.map(({ id }) => id)) : null,
      codes.length ? loyalty.deleteLoyaltyReferralCodes(codes.map(({ id }) => id)) : null,
      allInvitations.length ? loyalty.deleteLoyaltyReferralInvitations(allInvitations.map(({ id }) => id)) : null,
      verifications.length ? loyalty.deleteLoyaltySchemeVerifications(verifications.map(({ id }) => id)) : null,
      preferences.length ? loyalty.deleteLoyaltyPreferences(preferences.map(({ id }) => id)) : null,
    ])
    const kinds: Record<string, number> = {
      loyalty_accounts_closed: accounts.length,
      loyalty_ledger_rows_anonymised: transactions.length + reservations.length,
      loyalty_referrals_anonymised: referrals.length,
      loyalty_rows_deleted:
        memberships.length + codes.length + allInvitations.length + verifications.length + preferences.length,
    }
    return new StepResponse(kinds, undo)
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    const strip = (rows: Row[]) => rows.map(({ created_at: _c, updated_at: _u, deleted_at: _d, ...row }) => row)
    // deleted rows come back with their ids; anonymised rows get their fields back
    await Promise.all([
      undo.memberships.length ? loyalty.createLoyaltySchemeMemberships(strip(undo.memberships) as Rows) : null,
      undo.codes.length ? loyalty.createLoyaltyReferralCodes(strip(undo.codes) as Rows) : null,
      undo.invitations.length ? loyalty.createLoyaltyReferralInvitations(strip(undo.invitations) as Rows) : null,
      undo.verifications.length ? loyalty.createLoyaltySchemeVerifications(strip(undo.verifications) as Rows) : null,
      undo.preferences.length ? loyalty.createLoyaltyPreferences(strip(undo.preferences) as Rows) : null,
    ])
    if (undo.referrals.length) {
      await loyalty.updateLoyaltyReferrals(undo.referrals as Rows)
    }
    if (undo.reservations.length) {
      await loyalty.updateLoyaltyReservations(undo.reservations as Rows)
    }
    if (undo.transactions.length) {
      await loyalty.updateLoyaltyTransactions(undo.transactions as Rows)
    }
    if (undo.accounts.length) {
      await loyalty.updateLoyaltyAccounts(undo.accounts as Rows)
    }
  }
)
