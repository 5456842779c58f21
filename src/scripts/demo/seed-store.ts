import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"
import { REGION_COUNTRIES, REGION_NAME, STOCK_LOCATION_NAME } from "./catalog"
import { seedCatalog, SeededProduct } from "./seed-catalog"
import {
  ensureServiceZone,
  ensureShippingOption,
  ensureShippingProfile,
  locationLinks,
  MANUAL_FULFILLMENT_PROVIDER,
} from "./seed-shipping"

export type SeededStore = {
  storeId: string
  regionId: string
  salesChannelId: string
  publishableKey: string
  stockLocationId: string
  shippingProfileId: string
  shippingOptionId: string
  products: SeededProduct[]
}

/**
 * Everything a store checkout needs (see SETUP-NOTES: region with pp_system_default,
 * tax regions, a location linked to the channel and to manual_manual, a service zone,
 * a shipping option enabled in store, a publishable key, stocked published products).
 * Each piece is looked up first and only created when missing, so the function can run
 * on every demo start and on a database that was seeded before.
 */
export async function seedStore(container: MedusaContainer): Promise<SeededStore> {
  const salesChannelId = await ensureSalesChannel(container)
  const regionId = await ensureRegion(container)
  await ensureTaxRegions(container)
  const stockLocationId = await ensureStockLocation(container, salesChannelId)
  const storeId = await ensureStoreSettings(container, { salesChannelId, regionId, stockLocationId })
  const shippingProfileId = await ensureShippingProfile(container)
  const serviceZoneId = await ensureServiceZone(container, stockLocationId)
  const shippingOptionId = await ensureShippingOption(container, { serviceZoneId, shippingProfileId, regionId })
  const publishableKey = await ensurePublishableKey(container, salesChannelId)
  const products = await seedCatalog(container, { salesChannelId, shippingProfileId, stockLocationId })

  return {
    storeId,
    regionId,
    salesChannelId,
    publishableKey,
    stockLocationId,
    shippingProfileId,
    shippingOptionId,
    products,
  }
}

/** The app creates a default store and channel when it boots; use that channel when it is there. */
async function ensureSalesChannel(container: MedusaContainer): Promise<string> {
  const [store] = await container.resolve(Modules.STORE).listStores({}, { take: 1 })
  if (store?.default_sales_channel_id) {
    return store.default_sales_channel_id
  }
  const salesChannels = container.resolve(Modules.SALES_CHANNEL)
  const [existing] = await salesChannels.listSalesChannels({ name: "Default Sales Channel" })
  if (existing) {
    return existing.id
  }
  const { result } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: "Default Sales Channel" }] },
  })
  return result[0].id
}

async function ensureRegion(container: MedusaContainer): Promise<string> {
  const [existing] = await container.resolve(Modules.REGION).listRegions({ name: REGION_NAME })
  if (existing) {
    return existing.id
  }
  const { result } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        {
          name: REGION_NAME,
          currency_code: "eur",
          countries: REGION_COUNTRIES,
          payment_providers: ["pp_system_default"],
        },
      ],
    },
  })
  return result[0].id
}

/** Tax regions without rates: checkout needs them to exist, the demo charges no tax. */
async function ensureTaxRegions(container: MedusaContainer): Promise<void> {
  const existing = await container.resolve(Modules.TAX).listTaxRegions({ country_code: REGION_COUNTRIES })
  const have = new Set(existing.filter((r) => !r.province_code).map((r) => r.country_code))
  const missing = REGION_COUNTRIES.filter((code) => !have.has(code))
  if (missing.length) {
    await createTaxRegionsWorkflow(container).run({
      input: missing.map((country_code) => ({ country_code, provider_id: "tp_system" })),
    })
  }
}

async function ensureStockLocation(container: MedusaContainer, salesChannelId: string): Promise<string> {
  const locations = container.resolve(Modules.STOCK_LOCATION)
  let [location] = await locations.listStockLocations({ name: STOCK_LOCATION_NAME })
  if (!location) {
    const { result } = await createStockLocationsWorkflow(container).run({
      input: {
        locations: [
          {
            name: STOCK_LOCATION_NAME,
            address: { address_1: "Lagerstraße 1", city: "Hamburg", postal_code: "20095", country_code: "de" },
          },
        ],
      },
    })
    location = result[0]
  }

  const links = await locationLinks(container, location.id)
  if (!links.salesChannelIds.includes(salesChannelId)) {
    await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id: location.id, add: [salesChannelId] } })
  }
  if (!links.fulfillmentProviderIds.includes(MANUAL_FULFILLMENT_PROVIDER)) {
    await container.resolve(ContainerRegistrationKeys.LINK).create({
      [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
      [Modules.FULFILLMENT]: { fulfillment_provider_id: MANUAL_FULFILLMENT_PROVIDER },
    })
  }
  return location.id
}

/** eur (default) and usd, and the demo's channel, region and location as the store's defaults. */
async function ensureStoreSettings(
  container: MedusaContainer,
  defaults: { salesChannelId: string; regionId: string; stockLocationId: string }
): Promise<string> {
  const [store] = await container
    .resolve(Modules.STORE)
    .listStores({}, { take: 1, relations: ["supported_currencies"] })
  const currencies = store.supported_currencies ?? []
  const isDefault = (code: string) => currencies.find((c) => c.currency_code === code)?.is_default
  const upToDate =
    currencies.length === 2 &&
    isDefault("eur") === true &&
    isDefault("usd") === false &&
    store.default_sales_channel_id === defaults.salesChannelId &&
    store.default_region_id === defaults.regionId &&
    store.default_location_id === defaults.stockLocationId
  if (!upToDate) {
    await updateStoresWorkflow(container).run({
      input: {
        selector: { id: store.id },
        update: {
          supported_currencies: [
            { currency_code: "eur", is_default: true },
            { currency_code: "usd", is_default: false },
          ],
          default_sales_channel_id: defaults.salesChannelId,
          default_region_id: defaults.regionId,
          default_location_id: defaults.stockLocationId,
        },
      },
    })
  }
  return store.id
}

/**
 * Reuses the key the app creates on first boot ("Default Publishable API Key") so the demo
 * and a storefront configured earlier agree on one token; creates one only when none is left.
 */
async function ensurePublishableKey(container: MedusaContainer, salesChannelId: string): Promise<string> {
  const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "api_key",
    fields: ["id", "token", "revoked_at", "created_at", "sales_channels.id"],
    filters: { type: "publishable" },
  })
  const keys: {
    id: string
    token: string
    revoked_at: string | null
    created_at: string
    sales_channels: { id: string }[] | null
  }[] = data
  const usable = keys
    .filter((key) => !key.revoked_at)
    .sort((a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime())
  let key: { id: string; token: string; linked: string[] }
  if (usable[0]) {
    const linked = (usable[0].sales_channels ?? []).map((sc) => sc.id)
    key = { id: usable[0].id, token: usable[0].token, linked }
  } else {
    const { result } = await createApiKeysWorkflow(container).run({
      input: { api_keys: [{ title: "Demo Storefront", type: "publishable", created_by: "" }] },
    })
    key = { id: result[0].id, token: result[0].token, linked: [] }
  }
  if (!key.linked.includes(salesChannelId)) {
    await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: key.id, add: [salesChannelId] } })
  }
  return key.token
}
