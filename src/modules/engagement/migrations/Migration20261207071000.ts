import { Migration } from "@medusajs/framework/mikro-orm/migrations"

// the review requests being sent now (a live lease): a claim leaves their shoppers' other requests
// for later, so the cap and the repeat rule are read by one process at a time per shopper; the
// lease ends with the send, so the index holds a batch's rows at most
export class Migration20261207071000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_engagement_review_request_locked_until"
      ON "engagement_review_request" ("locked_until") WHERE locked_until IS NOT NULL AND deleted_at IS NULL;`)
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_engagement_review_request_locked_until";`)
  }
}
