import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId, MedusaError } from "@medusajs/framework/utils"
import type { ConsentOptions } from "../options"
import type { ConsentChangeInput, ConsentChangeResult } from "../types"
import { decideConsentChange, LatestConsent } from "./decide"
import {
  ConsentRowInput,
  databaseNow,
  existingConsentIds,
  insertConsentConfirmation,
  insertConsentRows,
  latestConsentsOf,
  lockConsentPurposes,
} from "./queries"

/**
 * Records consent changes, in the caller's transaction: under a lock per customer and purpose,
 * each request is weighed against the purpose's latest row (see `decideConsentChange`), and only
 * real changes become ledger rows. Returns the rows written, each purpose's resulting state, and
 * the confirmation emails to send (each noted once by a unique index). A confirmation link whose
 * request was superseded is a conflict and writes nothing; a fixed id already in the ledger is skipped.
 */
export async function recordConsentChanges(
  manager: SqlEntityManager,
  inputs: ConsentChangeInput[],
  options: Pick<ConsentOptions, "purposes" | "confirmation_resend_after">
): Promise<ConsentChangeResult> {
  const { purposes, confirmation_resend_after } = options
  await lockConsentPurposes(manager, inputs)
  const now = await databaseNow(manager)
  const latest = new Map<string, LatestConsent & { customer_id: string; purpose: string }>(
    (await latestConsentsOf(manager, inputs)).map((row) => [`${row.customer_id}:${row.purpose}`, row])
  )
  const existing = new Set(
    await existingConsentIds(
      manager,
      inputs.flatMap((input) => (input.id ? [input.id] : []))
    )
  )
  const rows: ConsentRowInput[] = []
  const result: ConsentChangeResult = { created: [], current: [], confirmations: [] }
  for (const input of inputs) {
    const key = `${input.customer_id}:${input.purpose}`
    if (input.id && existing.has(input.id)) {
      continue
    }
    const decision = decideConsentChange(
      latest.get(key),
      { value: input.value, wording: input.wording, info: input.info, confirms: input.confirms },
      { double_opt_in: !!purposes[input.purpose]?.double_opt_in, resend_after_ms: confirmation_resend_after },
      now
    )
    if (decision.kind === "stale") {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        "token: the choice has changed since this link was sent; the latest choice stands. Ask for a new confirmation email"
      )
    }
    if (decision.kind === "unchanged") {
      const resend = decision.resend && { customer_id: input.customer_id, purpose: input.purpose, ...decision.resend }
      if (resend && (await insertConsentConfirmation(manager, resend))) {
        result.confirmations.push(resend)
      }
      continue
    }
    const row: ConsentRowInput = {
      id: input.id ?? generateEntityId(undefined, "engcon"),
      customer_id: input.customer_id,
      purpose: input.purpose,
      channel: input.channel ?? purposes[input.purpose]?.channel ?? null,
      value: decision.value,
      source: input.source,
      recorded_at: now,
      actor_type: input.actor_type ?? null,
      actor_id: input.actor_id ?? null,
      ip: input.ip ?? null,
      user_agent: input.user_agent ?? null,
      wording: decision.wording,
      info: input.info ?? null,
    }
    rows.push(row)
    latest.set(key, row)
    if (decision.confirm) {
      const confirmation = { customer_id: row.customer_id, purpose: row.purpose, request_id: row.id, round: 0 }
      await insertConsentConfirmation(manager, confirmation)
      result.confirmations.push(confirmation)
    }
  }
  const written = new Set(await insertConsentRows(manager, rows))
  result.created = rows.filter((row) => written.has(row.id))
  result.current = [...new Set(inputs.map((input) => `${input.customer_id}:${input.purpose}`))].flatMap((key) => {
    const row = latest.get(key)
    return row
      ? [{ customer_id: row.customer_id, purpose: row.purpose, value: row.value, recorded_at: row.recorded_at }]
      : []
  })
  return result
}
