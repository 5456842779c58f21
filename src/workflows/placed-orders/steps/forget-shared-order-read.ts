import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { forgetOrderRead } from "../../../utils/shared-order-read"

export const forgetSharedOrderReadStepId = "forget-shared-order-read"

/** The run's last step: drops the order's shared read (utils/shared-order-read.ts) from the process. */
export const forgetSharedOrderReadStep = createStep(
  forgetSharedOrderReadStepId,
  async (input: { shared_read: string | null }) => {
    forgetOrderRead(input.shared_read)
    return new StepResponse(undefined)
  }
)
