import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE, RecordConsentInput } from "../../../modules/engagement/types"
import { fillUrlPattern } from "../../../utils/url-pattern"

export const buildConsentConfirmationsStepId = "build-consent-confirmations"

/**
 * Double opt-in: for each purpose set to AwaitingConfirmation, the confirmation email with a
 * signed, expiring, single-use link. Reads only; the email itself is sent by the next step.
 */
export const buildConsentConfirmationsStep = createStep(
  buildConsentConfirmationsStepId,
  async (input: RecordConsentInput[], { container }) => {
    const awaiting = input.filter((entry) => entry.value === "AwaitingConfirmation")
    if (!awaiting.length) {
      return new StepResponse([])
    }
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const options = engagement.getOptions().consents
    const customers = await container
      .resolve(Modules.CUSTOMER)
      .listCustomers({ id: [...new Set(awaiting.map((entry) => entry.customer_id))] }, { select: ["id", "email", "first_name"] })
    return new StepResponse(
      awaiting.flatMap((entry) => {
        const customer = customers.find((candidate) => candidate.id === entry.customer_id)
        if (!customer?.email) {
          return []
        }
        const token = engagement.signLinkToken({ customer_id: customer.id, purpose: entry.purpose, action: "confirm" })
        return [
          {
            to: customer.email,
            channel: "email",
            template: options.confirmation_template,
            // one confirmation email per link: the token's nonce is unique
            idempotency_key: `consent-confirmation:${token.slice(-43)}`,
            trigger_type: "engagement.consent.confirmation",
            resource_id: customer.id,
            resource_type: "customer",
            data: {
              customer_first_name: customer.first_name,
              purpose: entry.purpose,
              confirm_url: fillUrlPattern(options.confirm_url, { token }),
            },
          },
        ]
      })
    )
  }
)
