import { Migration } from "@medusajs/framework/mikro-orm/migrations"

// a contact's latest consent changes newest first, read from the end of this index (the admin's
// contact view), however long the customer's history
export class Migration20261207061000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_engagement_consent_customer_id_recorded_at_created_at"
      ON "engagement_consent" ("customer_id", "recorded_at", "created_at") WHERE deleted_at IS NULL;`)
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_engagement_consent_customer_id_recorded_at_created_at";`)
  }
}
