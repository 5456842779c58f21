import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261206222500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "engagement_delivery" add column if not exists "origin" text null;`)
    // rows written before origins were recorded: their keys and subjects told their origin (a
    // contact's sync by its key, an erasure's stop call by its subject); a row erased since keeps
    // only its subject (a contact's sync row, a review request), and "unknown" is left for the others
    this.addSql(
      `update "engagement_delivery" set "origin" = case
         when "subject_id" like 'engera\\_%' then 'erasure'
         when "idempotency_key" like 'contact-sync:%' or "subject_id" like 'engcs\\_%' then 'contact_sync'
         when "idempotency_key" like 'review-request:%' or "subject_id" like 'engrr\\_%' then 'review_request'
         when "idempotency_key" like 'conversion:%' then 'cart_conversion'
         when "idempotency_key" like 'journey-cancel:%' then 'journey_cancellation'
         when "idempotency_key" like '%-loyalty:%' then 'loyalty_source'
         when "idempotency_key" like '%-lookup:%' then 'contact_lookup'
         else 'unknown' end
       where "origin" is null;`
    )
    this.addSql(`alter table if exists "engagement_delivery" alter column "origin" set not null;`)
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "engagement_delivery" drop column if exists "origin";`)
  }
}
