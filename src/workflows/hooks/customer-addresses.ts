import { createCustomerAddressesWorkflow, updateCustomerAddressesWorkflow } from "@medusajs/medusa/core-flows"
import { Modules } from "@medusajs/framework/utils"
import { StepResponse } from "@medusajs/framework/workflows-sdk"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContactEvents } from "../../modules/engagement/events"

// Medusa emits no event for address changes: these hooks announce them, and a subscriber syncs the contacts.
async function announce(addresses: { customer_id?: string | null }[], container: MedusaContainer) {
  const customerIds = [...new Set(addresses.map((address) => address.customer_id).filter((id): id is string => !!id))]
  if (customerIds.length) {
    await container
      .resolve(Modules.EVENT_BUS)
      .emit({ name: ContactEvents.CHANGED, data: { customer_ids: customerIds } })
  }
  return new StepResponse(customerIds)
}

createCustomerAddressesWorkflow.hooks.addressesCreated(({ addresses }, { container }) => announce(addresses, container))
updateCustomerAddressesWorkflow.hooks.addressesUpdated(({ addresses }, { container }) => announce(addresses, container))
