import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261130123631 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "engagement_contact_profile" add column if not exists "loyalty" jsonb null;`)
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "engagement_contact_profile" drop column if exists "loyalty";`)
  }
}
