import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * The delivery log filtered by status, platform or customer at any size of the outbox (issue 28):
 * - indexes that serve each filter in the log's order (newest first), so a page reads its rows from
 *   the top of one index instead of filtering the whole log's index or sorting every match;
 * - exact counts by platform and status: `engagement_delivery_count` (folded totals) plus
 *   `engagement_delivery_count_change` (+1 / −1 rows a trigger appends with every insert, delete and
 *   change of platform, status or deletion, in the writer's transaction). Appending, not updating a
 *   total, so writers of one platform and status never wait on each other's row lock (the outbox's
 *   claims and outcomes, checkouts enqueuing); `engagement_fold_delivery_counts()` (the
 *   fold-delivery-counts job, every minute) moves the changes into the totals in one transaction,
 *   so a reader sees either the changes or the totals they were folded into, never both or neither.
 *   A count is the totals' rows plus the changes since the last fold: as many rows as platforms
 *   and statuses, plus a minute of status changes, however large the log.
 */
export class Migration20261207062000 extends Migration {
  override async up(): Promise<void> {
    for (const column of ["status", "platform", "customer_id"]) {
      this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_engagement_delivery_${column}_created_at_id"
        ON "engagement_delivery" ("${column}", "created_at", "id") WHERE deleted_at IS NULL;`)
    }
    this.addSql(`CREATE TABLE IF NOT EXISTS "engagement_delivery_count" (
      "platform" text NOT NULL, "status" text NOT NULL, "rows" bigint NOT NULL,
      CONSTRAINT "engagement_delivery_count_pkey" PRIMARY KEY ("platform", "status"));`)
    this.addSql(`CREATE TABLE IF NOT EXISTS "engagement_delivery_count_change" (
      "platform" text NOT NULL, "status" text NOT NULL, "rows" integer NOT NULL);`)
    this.addSql(`CREATE OR REPLACE FUNCTION engagement_delivery_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' AND OLD.deleted_at IS NULL THEN
          INSERT INTO engagement_delivery_count_change (platform, status, rows) VALUES (OLD.platform, OLD.status, -1);
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.deleted_at IS NULL THEN
          INSERT INTO engagement_delivery_count_change (platform, status, rows) VALUES (NEW.platform, NEW.status, 1);
        END IF;
        RETURN NULL;
      END $$;`)
    this.addSql(`DROP TRIGGER IF EXISTS "engagement_delivery_count_insert_delete" ON "engagement_delivery";`)
    this
      .addSql(`CREATE TRIGGER "engagement_delivery_count_insert_delete" AFTER INSERT OR DELETE ON "engagement_delivery"
      FOR EACH ROW EXECUTE FUNCTION engagement_delivery_count_change();`)
    // an update that leaves platform, status and deletion alone (a lease, an attempt's details) adds nothing
    this.addSql(`DROP TRIGGER IF EXISTS "engagement_delivery_count_update" ON "engagement_delivery";`)
    this.addSql(`CREATE TRIGGER "engagement_delivery_count_update" AFTER UPDATE OF platform, status, deleted_at
      ON "engagement_delivery" FOR EACH ROW
      WHEN (OLD.platform IS DISTINCT FROM NEW.platform OR OLD.status IS DISTINCT FROM NEW.status
            OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
      EXECUTE FUNCTION engagement_delivery_count_change();`)
    // one fold at a time (the advisory lock); its DELETE runs with a snapshot taken after the lock
    this
      .addSql(`CREATE OR REPLACE FUNCTION engagement_fold_delivery_counts() RETURNS integer LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        v_folded integer;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('engagement_delivery_count'));
        WITH moved AS (DELETE FROM engagement_delivery_count_change RETURNING platform, status, rows),
             summed AS (SELECT platform, status, SUM(rows) AS rows, COUNT(*) AS changes FROM moved GROUP BY 1, 2),
             written AS (
               INSERT INTO engagement_delivery_count AS c (platform, status, rows)
               SELECT platform, status, rows FROM summed
               ON CONFLICT (platform, status) DO UPDATE SET rows = c.rows + EXCLUDED.rows
             )
        SELECT COALESCE(SUM(changes), 0) INTO v_folded FROM summed;
        DELETE FROM engagement_delivery_count WHERE rows = 0;
        RETURN v_folded;
      END $$;`)
    // the backfill, after the triggers and in the same transaction: their lock on the table holds
    // writers back until both are committed, so no row is counted twice or missed
    this.addSql(`DELETE FROM "engagement_delivery_count_change";`)
    this.addSql(`DELETE FROM "engagement_delivery_count";`)
    this.addSql(`INSERT INTO "engagement_delivery_count" (platform, status, rows)
      SELECT platform, status, COUNT(*) FROM engagement_delivery WHERE deleted_at IS NULL GROUP BY 1, 2;`)
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TRIGGER IF EXISTS "engagement_delivery_count_update" ON "engagement_delivery";`)
    this.addSql(`DROP TRIGGER IF EXISTS "engagement_delivery_count_insert_delete" ON "engagement_delivery";`)
    this.addSql(`DROP FUNCTION IF EXISTS engagement_fold_delivery_counts();`)
    this.addSql(`DROP FUNCTION IF EXISTS engagement_delivery_count_change();`)
    this.addSql(`DROP TABLE IF EXISTS "engagement_delivery_count_change";`)
    this.addSql(`DROP TABLE IF EXISTS "engagement_delivery_count";`)
    for (const column of ["status", "platform", "customer_id"]) {
      this.addSql(`DROP INDEX IF EXISTS "IDX_engagement_delivery_${column}_created_at_id";`)
    }
  }
}
