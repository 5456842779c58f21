import type { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId, InjectManager, MedusaContext } from "@medusajs/framework/utils"
import { runSql } from "../sql"

type Ctx = Context<SqlEntityManager>

export interface ReconciliationRepairInput {
  kind: string
  order_id: string
  /** the item repaired, `<kind>:<order or return id>`: recorded once however often it is repaired */
  key: string
}

export interface ReconciliationRepairRow {
  kind: string
  order_id: string
  repaired_at: Date
}

/** The order reconciliation's cursors (how far each source is checked) and its record of repairs. */
export class ReconciliationStore {
  // the module's repository: the manager decorators below open their contexts on it
  constructor(protected readonly baseRepository_: unknown) {}

  /** Where the source's last run stopped (the time of its last item, to the millisecond), or null. */
  @InjectManager()
  async readReconciliationCursor(source: string, @MedusaContext() ctx: Ctx = {}): Promise<Date | null> {
    const [row] = await runSql<{ position_at: Date }>(
      ctx.manager!,
      `SELECT position_at FROM engagement_reconciliation_cursor WHERE id = ? AND deleted_at IS NULL`,
      [source]
    )
    return row?.position_at ?? null
  }

  /**
   * Moves the source's cursor on to `at` (never back: two processes reconciling at once end on the
   * later position).
   */
  @InjectManager()
  async advanceReconciliationCursor(source: string, at: Date, id: string, @MedusaContext() ctx: Ctx = {}) {
    // raw SQL: an upsert that only moves forward has no ORM form
    await runSql(
      ctx.manager!,
      `INSERT INTO engagement_reconciliation_cursor (id, position_at, position_id, created_at, updated_at)
       VALUES (?, ?, ?, now(), now())
       ON CONFLICT (id) DO UPDATE SET
         position_at = GREATEST(engagement_reconciliation_cursor.position_at, EXCLUDED.position_at),
         position_id = CASE WHEN EXCLUDED.position_at >= engagement_reconciliation_cursor.position_at
                            THEN EXCLUDED.position_id ELSE engagement_reconciliation_cursor.position_id END,
         updated_at = now()`,
      [source, at, id]
    )
  }

  /** Records repairs; a key already recorded (another process repaired it too) is kept as it was. */
  @InjectManager()
  async recordReconciliationRepairs(repairs: ReconciliationRepairInput[], @MedusaContext() ctx: Ctx = {}) {
    for (const repair of repairs) {
      await runSql(
        ctx.manager!,
        `INSERT INTO engagement_reconciliation_repair (id, kind, order_id, key, created_at, updated_at)
         VALUES (?, ?, ?, ?, now(), now())
         ON CONFLICT (key) WHERE deleted_at IS NULL DO NOTHING`,
        [generateEntityId(undefined, "engrep"), repair.kind, repair.order_id, repair.key]
      )
    }
  }

  /** The repairs made since `since`, newest first. */
  @InjectManager()
  async listRepairsSince(since: Date, @MedusaContext() ctx: Ctx = {}): Promise<ReconciliationRepairRow[]> {
    return await runSql<ReconciliationRepairRow>(
      ctx.manager!,
      `SELECT kind, order_id, created_at AS repaired_at FROM engagement_reconciliation_repair
        WHERE created_at >= ? AND deleted_at IS NULL ORDER BY created_at DESC, id`,
      [since]
    )
  }
}
