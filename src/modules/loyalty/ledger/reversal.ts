/**
 * Points to reverse on a line so that, in all, `returned` of its `quantity` units have been
 * reversed: floor(earned × returned ÷ quantity) less what was reversed before. Cumulative, so
 * several partial returns never drift from the whole, and a cancel after a return takes the rest.
 */
export function pointsToReverse(earned: number, quantity: number, returned: number, alreadyReversed: number): number {
  if (quantity <= 0) {
    return 0
  }
  const target = returned >= quantity ? earned : Math.floor((earned * Math.min(returned, quantity)) / quantity)
  return Math.max(0, target - alreadyReversed)
}

export interface OrderReversal {
  customer_id: string
  order_id: string
  /** one per cause (a return, the cancel): the same cause twice reverses once */
  key: string
  /** units of each line now returned in all; null reverses every line whole (a cancel) */
  returned: Record<string, number> | null
  /** give back the points the order redeemed (a cancel) */
  restore_redemptions: boolean
  reason: string
}
