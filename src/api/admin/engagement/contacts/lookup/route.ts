import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { contactDetail } from "../helpers"
import type { AdminLookupContactType } from "../validators"

/**
 * POST /admin/engagement/contacts/lookup {email} | {phone}: the contact with that email or phone.
 * In the body, not the path: Medusa's access log writes every URL, and an email or a phone number
 * in one would be personal data in the log. Neither value is echoed in the answer or the log.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminLookupContactType>, res: MedusaResponse) => {
  const { email, phone } = req.validatedBody
  if ((email === undefined) === (phone === undefined)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "body: give exactly one of email or phone")
  }
  const detail =
    email !== undefined
      ? await contactDetail(req.scope, { email: email.toLowerCase() }, "this email")
      : await contactDetail(req.scope, { phone: phone! }, "this phone number")
  res.json(detail)
}
