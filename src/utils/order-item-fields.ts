/**
 * The order item fields Medusa's order module needs to compute an item's quantity and totals, or
 * to load its adjustments and detail. Medusa 2.21 adds them itself when a query asks for
 * `items.total` or `items.detail.*`; 2.18 answers quantity and totals of 0 (and refuses to load
 * adjustments: "Item version is required") unless the query names them. Spread them into every
 * order query that reads item quantities, totals or details.
 */
export const ORDER_ITEM_BASE_FIELDS = ["items.unit_price", "items.version", "items.detail.quantity"] as const
