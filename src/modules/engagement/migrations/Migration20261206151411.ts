import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261206151411 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "engagement_erasure" add column if not exists "resumed_at" timestamptz null;`)
    // rows erased before erased keys existed kept `contact-sync:<platform>:<customer id>:<n>` and
    // the like: their keys named the shopper, and the shopper's next sync collided with them
    this.addSql(
      `update "engagement_delivery" set "idempotency_key" = 'erased:' || "id", "updated_at" = now()
       where "payload" = '{"redacted": "the shopper''s data was erased"}'::jsonb and "idempotency_key" not like 'erased:%';`
    )
  }

  override async down(): Promise<void> {
    // the erased keys stay erased: the customer ids they held are gone
    this.addSql(`alter table if exists "engagement_erasure" drop column if exists "resumed_at";`)
  }
}
