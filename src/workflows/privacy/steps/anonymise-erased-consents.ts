import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"

export const anonymiseErasedConsentsStepId = "anonymise-erased-consents"

type Previous = {
  id: string
  customer_id: string
  ip: string | null
  user_agent: string | null
  info: unknown
  actor_id: string | null
}

/**
 * Keeps the shopper's consent ledger as proof (purpose, channel, value, source, time, wording):
 * a withdrawal (False) recorded by the admin who erased is appended for each purpose whose latest
 * value is not False, then every row moves to the pseudonym `erased:<erasure id>` with its IP, user
 * agent, free-form proof and the shopper's own actor id removed (generated `createConsents` and
 * `updateConsents`). Compensation deletes the withdrawals and puts back the fields it changed.
 */
export const anonymiseErasedConsentsStep = createStep(
  anonymiseErasedConsentsStepId,
  async (input: { customer_id: string; erasure_id: string; actor: { type: string; id: string } }, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const customer = input.customer_id
    const rows = await engagement.listConsents(
      { customer_id: customer },
      { order: { purpose: "ASC", recorded_at: "DESC", created_at: "DESC" } }
    )
    const latest = new Map<string, (typeof rows)[number]>()
    for (const row of rows) {
      if (!latest.has(row.purpose)) {
        latest.set(row.purpose, row)
      }
    }
    const open = [...latest.values()].filter((row) => row.value !== "False")
    const withdrawals = open.length
      ? await engagement.createConsents(
          open.map((row) => ({
            customer_id: customer,
            purpose: row.purpose,
            channel: row.channel,
            value: "False" as const,
            source: "admin" as const,
            recorded_at: new Date(),
            actor_type: input.actor.type,
            actor_id: input.actor.id,
            wording: "withdrawn: the shopper was erased",
          }))
        )
      : []
    const all = [...rows, ...withdrawals]
    if (all.length) {
      await engagement.updateConsents(
        all.map((row) => ({
          id: row.id,
          customer_id: `erased:${input.erasure_id}`,
          ip: null,
          user_agent: null,
          info: null,
          actor_id: row.actor_id === customer || row.actor_type === "customer" ? null : row.actor_id,
        }))
      )
    }
    const previous: Previous[] = all.map((row) => ({
      id: row.id,
      customer_id: row.customer_id,
      ip: row.ip,
      user_agent: row.user_agent,
      info: row.info,
      actor_id: row.actor_id,
    }))
    const kinds = { consents_withdrawn: open.length, consents_anonymised: all.length }
    return new StepResponse(kinds, { created: withdrawals.map(({ id }) => id), previous })
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    if (undo.created.length) {
      await engagement.deleteConsents(undo.created)
    }
    const previous = undo.previous.filter((row) => !undo.created.includes(row.id))
    if (previous.length) {
      await engagement.updateConsents(previous as Parameters<typeof engagement.updateConsents>[0])
    }
  }
)
