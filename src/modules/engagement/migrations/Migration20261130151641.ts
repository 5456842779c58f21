import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261130151641 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_engagement_delivery_platform_status_next_attempt_at" ON "engagement_delivery" ("platform", "status", "next_attempt_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_engagement_delivery_created_at_id" ON "engagement_delivery" ("created_at", "id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_engagement_delivery_platform_next_attempt_at" ON "engagement_delivery" ("platform", "next_attempt_at") WHERE status = 'pending' AND response_status = 429 AND deleted_at IS NULL;`);
    // a write-heavy queue: every delivery is updated twice, so dead rows pile up fast; vacuum and
    // analyze it after a small share of changes, not the default 20 % of the table
    this.addSql(`ALTER TABLE "engagement_delivery" SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000, autovacuum_analyze_scale_factor = 0.02, autovacuum_vacuum_cost_delay = 0);`);
  }

  override async down(): Promise<void> {
    this.addSql(`ALTER TABLE "engagement_delivery" RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold, autovacuum_analyze_scale_factor, autovacuum_vacuum_cost_delay);`);
    this.addSql(`drop index if exists "IDX_engagement_delivery_platform_status_next_attempt_at";`);
    this.addSql(`drop index if exists "IDX_engagement_delivery_created_at_id";`);
    this.addSql(`drop index if exists "IDX_engagement_delivery_platform_next_attempt_at";`);
  }

}
