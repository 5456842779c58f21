import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  createInventoryLevelsWorkflow,
  createProductCategoriesWorkflow,
  createProductsWorkflow,
} from "@medusajs/medusa/core-flows"
import { CATEGORIES, DemoProduct, PRODUCTS, STOCKED_QUANTITY } from "./catalog"

export type SeededVariant = {
  id: string
  title: string
  sku: string
  barcode: string | null
  mpn: string
  /** major units per currency code, read back from the pricing module */
  prices: Record<string, number>
  inventoryItemId: string
}

export type SeededProduct = {
  id: string
  handle: string
  title: string
  brand: string
  variants: SeededVariant[]
}

type Ids = { salesChannelId: string; shippingProfileId: string; stockLocationId: string }

/** The shape `readProducts` asks query.graph for (the project has no generated query types). */
type ProductRow = {
  id: string
  handle: string
  title: string
  metadata: Record<string, unknown> | null
  variants: {
    id: string
    title: string
    sku: string | null
    barcode: string | null
    metadata: Record<string, unknown> | null
    prices: { amount: number; currency_code: string }[] | null
    inventory_items: { inventory_item_id: string }[] | null
  }[]
}

/** Categories, published products in the channel, and stock for them at the location. */
export async function seedCatalog(container: MedusaContainer, ids: Ids): Promise<SeededProduct[]> {
  const categoryIds = await ensureCategories(container)
  await ensureProducts(container, ids, categoryIds)
  const products = await readProducts(container)
  await ensureStock(container, ids.stockLocationId, products)
  return products
}

async function ensureCategories(container: MedusaContainer): Promise<Map<string, string>> {
  const productModule = container.resolve(Modules.PRODUCT)
  const handles = CATEGORIES.map((c) => c.handle)
  const existing = await productModule.listProductCategories({ handle: handles })
  const missing = CATEGORIES.filter((c) => !existing.some((e) => e.handle === c.handle))
  if (missing.length) {
    await createProductCategoriesWorkflow(container).run({
      input: { product_categories: missing.map((c) => ({ ...c, is_active: true })) },
    })
  }
  const all = await productModule.listProductCategories({ handle: handles })
  return new Map(all.map((c) => [c.handle, c.id]))
}

async function ensureProducts(container: MedusaContainer, ids: Ids, categoryIds: Map<string, string>) {
  const existing = await container.resolve(Modules.PRODUCT).listProducts({ handle: PRODUCTS.map((p) => p.handle) })
  const missing = PRODUCTS.filter((p) => !existing.some((e) => e.handle === p.handle))
  if (!missing.length) {
    return
  }
  await createProductsWorkflow(container).run({
    input: { products: missing.map((p) => productInput(p, ids, categoryIds)) },
  })
}

function productInput(p: DemoProduct, ids: Ids, categoryIds: Map<string, string>) {
  const categoryId = categoryIds.get(p.category)
  return {
    title: p.title,
    handle: p.handle,
    description: p.description,
    status: ProductStatus.PUBLISHED,
    thumbnail: p.thumbnail,
    images: [{ url: p.thumbnail }],
    metadata: { brand: p.brand },
    category_ids: categoryId ? [categoryId] : [],
    shipping_profile_id: ids.shippingProfileId,
    sales_channels: [{ id: ids.salesChannelId }],
    options: [{ title: p.option, values: p.variants.map((v) => v.option) }],
    variants: p.variants.map((v) => ({
      title: v.title,
      sku: v.sku,
      barcode: v.barcode ?? null,
      manage_inventory: true,
      metadata: { mpn: v.mpn },
      options: { [p.option]: v.option },
      prices: [
        { currency_code: "eur", amount: v.prices.eur },
        { currency_code: "usd", amount: v.prices.usd },
      ],
    })),
  }
}

/** Read back from the database rather than echo the catalog, so callers see what a checkout will see. */
async function readProducts(container: MedusaContainer): Promise<SeededProduct[]> {
  const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "product",
    fields: [
      "id",
      "handle",
      "title",
      "metadata",
      "variants.id",
      "variants.title",
      "variants.sku",
      "variants.barcode",
      "variants.metadata",
      "variants.prices.amount",
      "variants.prices.currency_code",
      "variants.inventory_items.inventory_item_id",
    ],
    filters: { handle: PRODUCTS.map((p) => p.handle) },
  })
  const rows: ProductRow[] = data
  const byHandle = new Map(rows.map((p) => [p.handle, p]))
  return PRODUCTS.flatMap((demo) => {
    const product = byHandle.get(demo.handle)
    if (!product) {
      return []
    }
    // in catalog order, whatever order the database returns them in
    const variants = demo.variants.flatMap((d) => {
      const v = product.variants.find((row) => row.sku === d.sku)
      return v ? [toSeededVariant(v)] : []
    })
    return [
      {
        id: product.id,
        handle: product.handle,
        title: product.title,
        brand: String(product.metadata?.brand ?? ""),
        variants,
      },
    ]
  })
}

function toSeededVariant(v: ProductRow["variants"][number]): SeededVariant {
  const prices: Record<string, number> = {}
  for (const price of v.prices ?? []) {
    prices[price.currency_code] = Number(price.amount)
  }
  return {
    id: v.id,
    title: v.title,
    sku: v.sku ?? "",
    barcode: v.barcode,
    mpn: String(v.metadata?.mpn ?? ""),
    prices,
    inventoryItemId: v.inventory_items?.[0]?.inventory_item_id ?? "",
  }
}

async function ensureStock(container: MedusaContainer, locationId: string, products: SeededProduct[]) {
  const itemIds = products.flatMap((p) => p.variants.map((v) => v.inventoryItemId)).filter(Boolean)
  if (!itemIds.length) {
    return
  }
  const levels = await container
    .resolve(Modules.INVENTORY)
    .listInventoryLevels({ location_id: locationId, inventory_item_id: itemIds })
  const stocked = new Set(levels.map((l) => l.inventory_item_id))
  const missing = itemIds.filter((id) => !stocked.has(id))
  if (missing.length) {
    await createInventoryLevelsWorkflow(container).run({
      input: {
        inventory_levels: missing.map((inventory_item_id) => ({
          location_id: locationId,
          inventory_item_id,
          stocked_quantity: STOCKED_QUANTITY,
        })),
      },
    })
  }
}
