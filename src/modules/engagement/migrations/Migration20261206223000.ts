import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261206223000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_delivery_platform_last_attempt_at" ON "engagement_delivery" ("platform", "last_attempt_at") WHERE last_attempt_at IS NOT NULL AND deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_engagement_delivery_platform_last_attempt_at";`)
  }
}
