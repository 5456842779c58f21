import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { LOYALTY_CREDIT_REFERENCE } from "../steps/prepare-cart-redemption"

export interface OrderCreditLine {
  reference: string | null
  reference_id: string | null
}

/** The carts whose points an order's credit lines spent (a loyalty credit line's reference names its cart). */
export function loyaltyCartsOf(creditLines: OrderCreditLine[] | null | undefined): string[] {
  return [
    ...new Set(
      (creditLines ?? [])
        .filter((line) => line.reference === LOYALTY_CREDIT_REFERENCE && line.reference_id)
        .map((line) => line.reference_id!)
    ),
  ]
}

/** The carts whose points the order spent, read from the order's credit lines. */
export async function orderLoyaltyCarts(container: MedusaContainer, orderId: string): Promise<string[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", "credit_lines.reference", "credit_lines.reference_id"],
    filters: { id: orderId },
  })
  return loyaltyCartsOf(data[0]?.credit_lines as OrderCreditLine[] | undefined)
}
