import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ConsentChangeResult } from "../../../modules/engagement/types"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import { fillUrlPattern } from "../../../utils/url-pattern"

export const buildConsentConfirmationsStepId = "build-consent-confirmations"

/**
 * Double opt-in: the confirmation emails the ledger noted as due, each with a signed, expiring,
 * single-use link bound to the request it confirms (a later choice makes it stale). Reads only;
 * the emails are sent by the next step, each under the key of its request and round.
 */
export const buildConsentConfirmationsStep = createStep(
  buildConsentConfirmationsStepId,
  async (input: ConsentChangeResult["confirmations"], { container }) => {
    if (!input.length) {
      return new StepResponse([])
    }
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const options = engagement.getOptions().consents
    const customers = await container
      .resolve(Modules.CUSTOMER)
      .listCustomers(
        { id: [...new Set(input.map((entry) => entry.customer_id))] },
        { select: ["id", "email", "first_name"] }
      )
    return new StepResponse(
      input.flatMap((entry) => {
        const customer = customers.find((candidate) => candidate.id === entry.customer_id)
        if (!customer?.email) {
          return []
        }
        const token = engagement.signLinkToken({
          customer_id: customer.id,
          purpose: entry.purpose,
          action: "confirm",
          request_id: entry.request_id,
        })
        return [
          {
            to: customer.email,
            channel: "email",
            template: options.confirmation_template,
            idempotency_key: `consent-confirmation:${entry.request_id}:${entry.round}`,
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
