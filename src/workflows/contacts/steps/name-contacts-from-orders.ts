import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import { ProfileWritesUndo, undoProfileWrites } from "../utils/undo-profile-writes"
import { readOrders, SharedOrderReadInput } from "../../../utils/shared-order-read"

/** What naming a contact from their order reads of it. */
export const NAMING_ORDER_FIELDS = [
  "customer_id",
  "customer.first_name",
  "customer.last_name",
  "billing_address.first_name",
  "billing_address.last_name",
  "shipping_address.first_name",
  "shipping_address.last_name",
]

export const nameContactsFromOrdersStepId = "name-contacts-from-orders"

type Named = { first_name?: string | null; last_name?: string | null } | null | undefined

interface NamingOrder {
  customer_id?: string | null
  customer?: Named
  billing_address?: Named
  shipping_address?: Named
}

const hasName = (named: Named) => !!(named?.first_name?.trim() || named?.last_name?.trim())

/**
 * A guest's customer has no name, but their checkout has one: the order's billing address, else
 * its shipping address, names their profile when neither the customer nor the profile has a name
 * (some platforms cannot register a contact without one). Compensation restores the
 * names it replaced.
 */
export const nameContactsFromOrdersStep = createStep(
  nameContactsFromOrdersStepId,
  async (input: { order_ids: string[] } & SharedOrderReadInput, { container }) => {
    const undo: ProfileWritesUndo = { created: [], previous: [] }
    if (!input.order_ids.length) {
      return new StepResponse(undo.previous.length, undo)
    }
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const data = await readOrders(container, input.order_ids, NAMING_ORDER_FIELDS, input.shared_read)
    for (const order of data as NamingOrder[]) {
      if (!order.customer_id || hasName(order.customer)) {
        continue
      }
      const source = hasName(order.billing_address)
        ? order.billing_address
        : hasName(order.shipping_address)
          ? order.shipping_address
          : null
      const [profile] = source ? await engagement.listContactProfiles({ customer_id: order.customer_id }) : []
      if (!source || !profile || hasName(profile)) {
        continue
      }
      undo.previous.push({ id: profile.id, first_name: profile.first_name, last_name: profile.last_name })
      await engagement.updateContactProfiles({
        id: profile.id,
        first_name: source.first_name?.trim() || null,
        last_name: source.last_name?.trim() || null,
      })
    }
    return new StepResponse(undo.previous.length, undo)
  },
  async (undo, { container }) => {
    await undoProfileWrites(container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE), undo)
  }
)
