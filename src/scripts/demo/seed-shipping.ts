import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createShippingOptionsWorkflow, createShippingProfilesWorkflow } from "@medusajs/medusa/core-flows"
import {
  FULFILLMENT_SET_NAME,
  REGION_COUNTRIES,
  SERVICE_ZONE_NAME,
  SHIPPING_OPTION_NAME,
  SHIPPING_PRICE,
} from "./catalog"

/** The demo store's shipping: a profile, a service zone at the stock location and one option (see seed-store.ts). */

export const MANUAL_FULFILLMENT_PROVIDER = "manual_manual"

/** `medusa db:migrate` creates a default profile; test databases have none. */
export async function ensureShippingProfile(container: MedusaContainer): Promise<string> {
  const [existing] = await container.resolve(Modules.FULFILLMENT).listShippingProfiles({ type: "default" })
  if (existing) {
    return existing.id
  }
  const { result } = await createShippingProfilesWorkflow(container).run({
    input: { data: [{ name: "Default Shipping Profile", type: "default" }] },
  })
  return result[0].id
}

export async function ensureServiceZone(container: MedusaContainer, stockLocationId: string): Promise<string> {
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  let [set] = await fulfillment.listFulfillmentSets({ name: FULFILLMENT_SET_NAME }, { relations: ["service_zones"] })
  if (!set) {
    set = await fulfillment.createFulfillmentSets({
      name: FULFILLMENT_SET_NAME,
      type: "shipping",
      service_zones: [
        {
          name: SERVICE_ZONE_NAME,
          geo_zones: REGION_COUNTRIES.map((country_code) => ({ country_code, type: "country" as const })),
        },
      ],
    })
  }
  const links = await locationLinks(container, stockLocationId)
  if (!links.fulfillmentSetIds.includes(set.id)) {
    await container.resolve(ContainerRegistrationKeys.LINK).create({
      [Modules.STOCK_LOCATION]: { stock_location_id: stockLocationId },
      [Modules.FULFILLMENT]: { fulfillment_set_id: set.id },
    })
  }
  return set.service_zones[0].id
}

export async function ensureShippingOption(
  container: MedusaContainer,
  ids: { serviceZoneId: string; shippingProfileId: string; regionId: string }
): Promise<string> {
  const [existing] = await container
    .resolve(Modules.FULFILLMENT)
    .listShippingOptions({ name: SHIPPING_OPTION_NAME, service_zone: { id: ids.serviceZoneId } })
  if (existing) {
    return existing.id
  }
  const { result } = await createShippingOptionsWorkflow(container).run({
    input: [
      {
        name: SHIPPING_OPTION_NAME,
        price_type: "flat",
        provider_id: MANUAL_FULFILLMENT_PROVIDER,
        service_zone_id: ids.serviceZoneId,
        shipping_profile_id: ids.shippingProfileId,
        type: { label: "Standard", description: "Delivered in 2-4 days.", code: "standard" },
        prices: [
          { currency_code: "eur", amount: SHIPPING_PRICE.eur },
          { currency_code: "usd", amount: SHIPPING_PRICE.usd },
          { region_id: ids.regionId, amount: SHIPPING_PRICE.eur },
        ],
        rules: [
          { attribute: "enabled_in_store", value: "true", operator: "eq" },
          { attribute: "is_return", value: "false", operator: "eq" },
        ],
      },
    ],
  })
  return result[0].id
}

export async function locationLinks(container: MedusaContainer, locationId: string) {
  const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "stock_location",
    fields: ["id", "sales_channels.id", "fulfillment_providers.id", "fulfillment_sets.id"],
    filters: { id: locationId },
  })
  const ids = (list: ({ id: string } | null)[] | undefined) => (list ?? []).flatMap((x) => (x ? [x.id] : []))
  return {
    salesChannelIds: ids(data[0]?.sales_channels),
    fulfillmentProviderIds: ids(data[0]?.fulfillment_providers),
    fulfillmentSetIds: ids(data[0]?.fulfillment_sets),
  }
}
