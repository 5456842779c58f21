import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261123110245 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "engagement_contact_sync" add column if not exists "send_alone" boolean not null default false;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "engagement_contact_sync" drop column if exists "send_alone";`)
  }
}
