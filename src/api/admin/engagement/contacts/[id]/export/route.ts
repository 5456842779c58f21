import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { contactDetail, contactFilterFor } from "../../helpers"
import { personalDataOf } from "./personal-data"

/**
 * GET /admin/engagement/contacts/:id/export: everything the plugin holds about the customer, as
 * one JSON document for a data-access request: the contact (profile, consents and their history,
 * sync states), review requests, outbox rows, order facts and totals, checkouts, consent emails and
 * used links, the loyalty account with its ledger, holds and preferences, referrals (codes, claims,
 * invitations) and scheme memberships and verifications.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const id = req.params.id
  const { contact } = await contactDetail(req.scope, contactFilterFor(id), `id ${id}`, { wholeHistory: true })
  const held = await personalDataOf(req.scope, contact.customer_id, contact.email ?? null)
  res.setHeader("Content-Disposition", `attachment; filename="engagement-${contact.customer_id}.json"`)
  res.json({ exported_at: new Date().toISOString(), contact, ...held })
}
