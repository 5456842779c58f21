import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ensureContactValuesFree } from "../utils/contact-conflicts"

export const ensureContactValuesFreeStepId = "ensure-contact-values-free"

/** Refuses (409, naming the field) an email, phone or CRM id that would belong to two contacts. Reads only. */
export const ensureContactValuesFreeStep = createStep(
  ensureContactValuesFreeStepId,
  async (input: { customer_id: string; phone?: string }, { container }) => {
    if (input.phone) {
      await ensureContactValuesFree(container, [
        { customer_id: input.customer_id, values: { phone: { value: input.phone, field: "phone" } } },
      ])
    }
    return new StepResponse(undefined)
  }
)
