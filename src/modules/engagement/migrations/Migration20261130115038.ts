import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261130115038 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "engagement_delivery" add column if not exists "in_doubt" boolean not null default false;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "engagement_delivery" drop column if exists "in_doubt";`)
  }
}
