/** The order fields a Rejoiner conversion reads. */
export const CONVERSION_ORDER_FIELDS = [
  "id",
  "display_id",
  "email",
  "customer_id",
  "currency_code",
  "total",
  "metadata",
  "promotions.code",
  // the whole line item: its quantity and unit price live in the order item detail,
  // which the order module only merges in when the item is read as a whole
  "items.*",
  "items.adjustments.code",
  "items.product.metadata",
  "items.product.categories.name",
] as const
