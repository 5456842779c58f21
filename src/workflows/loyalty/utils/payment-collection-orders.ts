import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/** The order each of `collectionIds` belongs to (a collection of no order is left out), through Medusa's order link. */
export async function ordersOfPaymentCollections(
  container: MedusaContainer,
  collectionIds: string[]
): Promise<Map<string, string>> {
  if (!collectionIds.length) {
    return new Map()
  }
  const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "order_payment_collection",
    fields: ["order_id", "payment_collection_id"],
    filters: { payment_collection_id: collectionIds },
  })
  return new Map(
    (data as { order_id: string; payment_collection_id: string }[]).map((link) => [
      link.payment_collection_id,
      link.order_id,
    ])
  )
}
