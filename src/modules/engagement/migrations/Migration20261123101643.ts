import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261123101643 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "engagement_contact_sync" drop constraint if exists "engagement_contact_sync_customer_id_platform_unique";`
    )
    this.addSql(
      `create table if not exists "engagement_contact_sync" ("id" text not null, "customer_id" text not null, "platform" text not null, "status" text check ("status" in ('pending', 'syncing', 'synced', 'conflict', 'needs_linking', 'error')) not null default 'pending', "dirty" boolean not null default true, "due_at" timestamptz null, "external_id" text null, "last_sent" jsonb not null default '{}', "in_flight_delivery_id" text null, "in_flight" jsonb null, "step" integer not null default 0, "credentials" text null, "last_error" text null, "last_synced_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "engagement_contact_sync_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_contact_sync_deleted_at" ON "engagement_contact_sync" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_engagement_contact_sync_customer_id_platform_unique" ON "engagement_contact_sync" ("customer_id", "platform") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_contact_sync_platform_dirty_due_at" ON "engagement_contact_sync" ("platform", "dirty", "due_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_contact_sync_in_flight_delivery_id" ON "engagement_contact_sync" ("in_flight_delivery_id") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `alter table if exists "engagement_contact_profile" add column if not exists "language" text null, add column if not exists "address" jsonb null;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "engagement_contact_sync" cascade;`)

    this.addSql(
      `alter table if exists "engagement_contact_profile" drop column if exists "language", drop column if exists "address";`
    )
  }
}
