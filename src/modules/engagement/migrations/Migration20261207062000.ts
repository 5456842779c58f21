import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * The delivery log filtered by status, platform or customer at any size of the outbox (issue 28):
 * - indexes that serve each filter in the log's order (newest first), so a page reads its rows from
 *   the top of one index instead of filtering the whole log's index or sorting every match;
 * - exact counts by platform and status: `engagement_delivery_count` (folded totals) plus
 *   `engagement_delivery_count_change` (the rows a statement-level trigger appends with every insert,
 *   delete and change of platform, status or deletion, one per platform and status the statement
 *   moved, in the writer's transaction). Appending, not updating a
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
    // statement-level, over the statement's transition tables: one INSERT per statement, of one
    // row per platform and status it changed (a claim of 20 rows appends two), not one per row
    this.addSql(`CREATE OR REPLACE FUNCTION engagement_delivery_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO engagement_delivery_count_change (platform, status, rows)
          SELECT platform, status, count(*) FROM new_rows WHERE deleted_at IS NULL GROUP BY 1, 2;
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO engagement_delivery_count_change (platform, status, rows)
          SELECT platform, status, -count(*) FROM old_rows WHERE deleted_at IS NULL GROUP BY 1, 2;
        ELSE
          -- an update that leaves platform, status and deletion alone (a lease, an attempt's details) adds nothing
          INSERT INTO engagement_delivery_count_change (platform, status, rows)
          SELECT platform, status, sum(n) FROM (
            SELECT o.platform, o.status, -1 AS n FROM old_rows o JOIN new_rows r ON r.id = o.id
             WHERE o.deleted_at IS NULL
               AND (o.platform, o.status, o.deleted_at) IS DISTINCT FROM (r.platform, r.status, r.deleted_at)
            UNION ALL
            SELECT r.platform, r.status, 1 FROM old_rows o JOIN new_rows r ON r.id = o.id
             WHERE r.deleted_at IS NULL
               AND (o.platform, o.status, o.deleted_at) IS DISTINCT FROM (r.platform, r.status, r.deleted_at)
          ) moved GROUP BY 1, 2 HAVING sum(n) <> 0;
        END IF;
        RETURN NULL;
      END $$;`)
    for (const [event, tables] of [
      ["insert", "NEW TABLE AS new_rows"],
      ["update", "OLD TABLE AS old_rows NEW TABLE AS new_rows"],
      ["delete", "OLD TABLE AS old_rows"],
    ]) {
      this.addSql(`DROP TRIGGER IF EXISTS "engagement_delivery_count_${event}" ON "engagement_delivery";`)
      this
        .addSql(`CREATE TRIGGER "engagement_delivery_count_${event}" AFTER ${event.toUpperCase()} ON "engagement_delivery"
        REFERENCING ${tables} FOR EACH STATEMENT EXECUTE FUNCTION engagement_delivery_count_change();`)
    }
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
    for (const event of ["insert", "update", "delete"]) {
      this.addSql(`DROP TRIGGER IF EXISTS "engagement_delivery_count_${event}" ON "engagement_delivery";`)
    }
    this.addSql(`DROP FUNCTION IF EXISTS engagement_fold_delivery_counts();`)
    this.addSql(`DROP FUNCTION IF EXISTS engagement_delivery_count_change();`)
    this.addSql(`DROP TABLE IF EXISTS "engagement_delivery_count_change";`)
    this.addSql(`DROP TABLE IF EXISTS "engagement_delivery_count";`)
    for (const column of ["status", "platform", "customer_id"]) {
      this.addSql(`DROP INDEX IF EXISTS "IDX_engagement_delivery_${column}_created_at_id";`)
    }
  }
}
