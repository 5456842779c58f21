import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../modules/loyalty/types"
import { claimReferralFor } from "../utils/claim-referral"
import { readOrder, SharedOrderReadInput } from "../../../utils/shared-order-read"

export const awardReferralPointsStepId = "award-referral-points"

const DAY = 86_400_000
const NOTHING = { results: [], tier_changes: [] }

/** What the referral award reads of the order. */
export const REFERRAL_ORDER_FIELDS = ["id", "customer_id", "status", "customer.has_account", "cart.metadata"]

/**
 * On the referee's first order, both sides of their accepted claim get their points, once (the
 * ledger rows are keyed by the referral). The points are pending for the earn pending period,
 * like the order's own, and carry the order's id: a cancel takes them back (see
 * `reverse-referral-award`). A later order, a canceled order or a guest awards nothing. A code in
 * the cart's metadata (`referral_code`) is claimed here first, with the same refusals.
 * No undo, for the same reason as `post-loyalty-entries`: the keys make a rerun finish the work.
 */
export const awardReferralPointsStep = createStep(
  awardReferralPointsStepId,
  async (input: { order_id: string } & SharedOrderReadInput, { container }) => {
    const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    const options = await loyalty.effectiveOptions()
    if (!options.enabled) {
      return new StepResponse(NOTHING)
    }
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const order = (await readOrder(container, input.order_id, REFERRAL_ORDER_FIELDS, input.shared_read)) as
      | {
          id: string
          customer_id?: string | null
          status: string
          customer?: { has_account?: boolean } | null
          cart?: { metadata?: Record<string, unknown> | null } | null
        }
      | undefined
    if (!order?.customer_id || !order.customer?.has_account || order.status === "canceled") {
      return new StepResponse(NOTHING)
    }
    const { data: earlier } = await query.graph({
      entity: "order",
      fields: ["id"],
      filters: { customer_id: order.customer_id, id: { $ne: order.id } },
      pagination: { take: 1 },
    })
    if (earlier.length) {
      return new StepResponse(NOTHING)
    }
    // the storefront may put the code in the cart's metadata instead of claiming it before the order
    const cartCode = order.cart?.metadata?.referral_code
    if (typeof cartCode === "string" && /^[A-Za-z0-9]{1,64}$/.test(cartCode)) {
      const accepted = await loyalty.listLoyaltyReferrals(
        { referee_customer_id: order.customer_id, status: { $ne: "refused" } },
        { select: ["id"] }
      )
      if (!accepted.length && (await loyalty.retrieveReferralCodeOwner(cartCode.toUpperCase()))) {
        await claimReferralFor(container, {
          code: cartCode.toUpperCase(),
          customer_id: order.customer_id,
          first_order_id: order.id,
        })
      }
    }
    const now = Date.now()
    const awarded = await loyalty.awardReferral({
      referee_customer_id: order.customer_id,
      order_id: order.id,
      available_at: new Date(now + options.earn.pending_days * DAY),
      expires_at: options.expiry_days === null ? null : new Date(now + options.expiry_days * DAY),
    })
    return new StepResponse(awarded ? { results: awarded.results, tier_changes: awarded.tier_changes } : NOTHING)
  }
)
