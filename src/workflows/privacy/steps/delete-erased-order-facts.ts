import { anyOf, deleteErasedRowsStep, inIds } from "../utils/erased-rows"

export const deleteErasedOrderFactsStepId = "delete-erased-order-facts"

/** Deletes the facts of the shopper's orders (by customer or by order); compensation creates them again. */
export const deleteErasedOrderFactsStep = deleteErasedRowsStep(
  deleteErasedOrderFactsStepId,
  (engagement) => ({
    list: (filters) => engagement.listOrderFacts(filters, { withDeleted: true }),
    delete: (ids) => engagement.deleteOrderFacts(ids),
    create: (rows) => engagement.createOrderFacts(rows as Parameters<typeof engagement.createOrderFacts>[0]),
  }),
  ({ customer_id, order_ids }) => anyOf([{ customer_id }, inIds("order_id", order_ids)])
)
