import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261206151233 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "engagement_reconciliation_repair" drop constraint if exists "engagement_reconciliation_repair_key_unique";`
    )
    this.addSql(
      `create table if not exists "engagement_reconciliation_cursor" ("id" text not null, "position_at" timestamptz not null, "position_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "engagement_reconciliation_cursor_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_reconciliation_cursor_deleted_at" ON "engagement_reconciliation_cursor" ("deleted_at") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "engagement_reconciliation_repair" ("id" text not null, "kind" text not null, "order_id" text not null, "key" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "engagement_reconciliation_repair_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_reconciliation_repair_deleted_at" ON "engagement_reconciliation_repair" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_engagement_reconciliation_repair_key_unique" ON "engagement_reconciliation_repair" ("key") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_reconciliation_repair_created_at" ON "engagement_reconciliation_repair" ("created_at") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "engagement_reconciliation_cursor" cascade;`)

    this.addSql(`drop table if exists "engagement_reconciliation_repair" cascade;`)
  }
}
