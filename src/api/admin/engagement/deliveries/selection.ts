import type { MedusaContainer } from "@medusajs/framework/types"
import { resolvePeopleFilters } from "../../people"
import type { AdminRetryDeliveriesType } from "./validators"

/**
 * A bulk action's selection with its customer and order filters as ids (the log's filters take
 * `#5`, an email or a name); null when they name no one, so the action touches nothing.
 */
export async function resolvedSelection(
  scope: MedusaContainer,
  selection: AdminRetryDeliveriesType
): Promise<AdminRetryDeliveriesType | null> {
  if (!selection.filter) {
    return selection
  }
  const filter = await resolvePeopleFilters(scope, selection.filter)
  return filter ? { ...selection, filter } : null
}
