import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"

/** The shopper's records an erasure step deletes or changes, found before any step writes. */
export interface ErasureTargets {
  customer_id: string
  /** lower-cased */
  email: string | null
  order_ids: string[]
  review_request_ids: string[]
  checkout_ids: string[]
}

type Row = Record<string, unknown> & { id: string }

/** A table's generated methods, as an erase step deletes its rows and its compensation puts them back. */
export interface GeneratedRows {
  list(filters: Record<string, unknown>): Promise<object[]>
  delete(ids: string[]): Promise<void>
  create(rows: Record<string, unknown>[]): Promise<unknown>
}

/**
 * A step that deletes the shopper's rows of one table with its generated `delete*` (the filter
 * null: none to delete) and answers how many. Its compensation creates the same rows again, with
 * their ids and fields, from the copies the step read before deleting.
 */
export function deleteErasedRowsStep(
  stepId: string,
  methods: (engagement: EngagementModuleService) => GeneratedRows,
  filterOf: (targets: ErasureTargets) => Record<string, unknown> | null
) {
  return createStep(
    stepId,
    async (targets: ErasureTargets, { container }) => {
      const filter = filterOf(targets)
      if (!filter) {
        return new StepResponse(0, [] as Row[])
      }
      const rows = methods(container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE))
      const found = (await rows.list(filter)) as Row[]
      if (found.length) {
        await rows.delete(found.map(({ id }) => id))
      }
      return new StepResponse(found.length, found)
    },
    async (deleted, { container }) => {
      if (!deleted?.length) {
        return
      }
      const rows = methods(container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE))
      await rows.create(deleted.map(({ created_at: _c, updated_at: _u, deleted_at: _d, ...row }) => row))
    }
  )
}

/** `{ $or: [...] }` of the conditions that can match anything (an empty id list matches nothing); null when none. */
export function anyOf(conditions: (Record<string, unknown> | null)[]): Record<string, unknown> | null {
  const present = conditions.filter((condition): condition is Record<string, unknown> => condition !== null)
  return present.length ? { $or: present } : null
}

/** `{ [field]: ids }`, or null for no ids. */
export const inIds = (field: string, ids: string[]) => (ids.length ? { [field]: ids } : null)
