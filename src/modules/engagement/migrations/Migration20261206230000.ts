import { Migration } from "@medusajs/framework/mikro-orm/migrations"

// the admin's charts: review requests counted per week of creation, and whether a review came for the order
export class Migration20261206230000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_review_request_created_at" ON "engagement_review_request" ("created_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_review_webhook_receipt_order_id" ON "engagement_review_webhook_receipt" ("order_id") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_engagement_review_request_created_at";`)
    this.addSql(`drop index if exists "IDX_engagement_review_webhook_receipt_order_id";`)
  }
}
