import type { MedusaContainer } from "@medusajs/framework/types"
import { LOYALTY_CREDIT_REFERENCE } from "../steps/prepare-cart-redemption"
import { readOrder } from "../../../utils/shared-order-read"

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

/** What the redemption reads of the order. */
export const REDEMPTION_ORDER_FIELDS = ["id", "credit_lines.reference", "credit_lines.reference_id"]

/** The carts whose points the order spent, read from the order's credit lines (or the run's shared read). */
export async function orderLoyaltyCarts(
  container: MedusaContainer,
  orderId: string,
  sharedRead?: string | null
): Promise<string[]> {
  const order = await readOrder(container, orderId, REDEMPTION_ORDER_FIELDS, sharedRead)
  return loyaltyCartsOf(order?.credit_lines as OrderCreditLine[] | undefined)
}
