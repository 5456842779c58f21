import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261123010442 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "engagement_link_use" drop constraint if exists "engagement_link_use_nonce_unique";`
    )
    this.addSql(
      `create table if not exists "engagement_link_use" ("id" text not null, "nonce" text not null, "customer_id" text not null, "purpose" text not null, "action" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "engagement_link_use_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_link_use_deleted_at" ON "engagement_link_use" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_engagement_link_use_nonce_unique" ON "engagement_link_use" ("nonce") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "engagement_link_use" cascade;`)
  }
}
