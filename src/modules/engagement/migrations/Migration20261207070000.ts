import { Migration } from "@medusajs/framework/mikro-orm/migrations"

// a customer's current consent for each purpose is the end of its range in this index, ties on
// recorded_at broken by created_at as the read orders them: one index read per purpose, however
// long the history of that purpose or of the customer's others (without created_at the planner
// walked the customer's whole history newest first looking for a purpose changed long ago)
export class Migration20261207070000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_engagement_consent_customer_id_purpose_recorded_at_created_at"
      ON "engagement_consent" ("customer_id", "purpose", "recorded_at", "created_at") WHERE deleted_at IS NULL;`)
    this.addSql(`DROP INDEX IF EXISTS "IDX_engagement_consent_customer_id_purpose_recorded_at";`)
  }

  override async down(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_engagement_consent_customer_id_purpose_recorded_at"
      ON "engagement_consent" ("customer_id", "purpose", "recorded_at") WHERE deleted_at IS NULL;`)
    this.addSql(`DROP INDEX IF EXISTS "IDX_engagement_consent_customer_id_purpose_recorded_at_created_at";`)
  }
}
