import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { recordConsentsWorkflow } from "../../../../../../workflows/consents/workflows/record-consents"
import { contactDetail, writableContact } from "../../helpers"
import type { AdminRecordContactConsentsType } from "../../validators"

/** POST /admin/engagement/contacts/:id/consents: an admin records consents; the admin is the source. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminRecordContactConsentsType>, res: MedusaResponse) => {
  const id = req.params.id
  const { contact } = await writableContact(req.scope, id)
  await recordConsentsWorkflow(req.scope).run({
    input: {
      consents: req.validatedBody.consents.map((entry) => ({
        customer_id: contact.customer_id,
        purpose: entry.purpose,
        value: entry.value,
        source: "admin" as const,
        actor_type: "user",
        actor_id: req.auth_context.actor_id,
        ip: req.ip ?? null,
        user_agent: req.get("user-agent") ?? null,
        wording: entry.wording ?? null,
        info: entry.info ?? null,
      })),
    },
  })
  res.json(await contactDetail(req.scope, { id: contact.id }, `id ${id}`))
}
