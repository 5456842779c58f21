import { model } from "@medusajs/framework/utils"

/**
 * How far the order reconciliation has checked one source of work (orders placed, canceled,
 * returns received…): the time and id of the last item checked. A run resumes after it; items
 * within the reconciliation's grace period are never passed, so late subscribers go first.
 */
const ReconciliationCursor = model.define(
  { name: "ReconciliationCursor", tableName: "engagement_reconciliation_cursor" },
  {
    // the source's name, e.g. "order_placed"
    id: model.text().primaryKey(),
    position_at: model.dateTime(),
    position_id: model.text(),
  }
)

export default ReconciliationCursor
